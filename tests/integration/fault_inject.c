/* Fault injection for the hostile-input tests (LD_PRELOAD): file-system failures that root
 * cannot produce with permissions, for every path under one prefix.
 *
 *   HOSO_FAULT_PREFIX=<dir>          the paths concerned (required; nothing happens without it)
 *   HOSO_FAULT_ERRNO=EACCES|EROFS    creating, opening for writing, renaming or mkdir under the
 *                                    prefix fails with this error (a read-only folder)
 *   HOSO_FAULT_ENOSPC_AFTER=<bytes>  writes to files under the prefix fail with ENOSPC once that
 *                                    many bytes have been written in all (a disk that fills up)
 *
 * Intercepts open/open64/openat/creat, mkstemp/mkstemp64, fopen/fopen64 (writes through a
 * cookie stream, since glibc's stdio calls its internal write), rename, mkdir and write. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const char* prefix(void) {
    const char* p = getenv("HOSO_FAULT_PREFIX");
    return p && *p ? p : NULL;
}

static int fault_errno(void) {
    const char* e = getenv("HOSO_FAULT_ERRNO");
    if (!e) return 0;
    if (strcmp(e, "EROFS") == 0) return EROFS;
    if (strcmp(e, "EACCES") == 0) return EACCES;
    return 0;
}

/* Whether `path` (relative paths taken from the working directory) lies under the prefix. */
static int under_prefix(const char* path) {
    const char* p = prefix();
    if (!p || !path) return 0;
    char buf[PATH_MAX];
    if (path[0] != '/') {
        if (!getcwd(buf, sizeof buf)) return 0;
        size_t n = strlen(buf);
        if (n + 1 + strlen(path) + 1 > sizeof buf) return 0;
        buf[n] = '/';
        strcpy(buf + n + 1, path);
        path = buf;
    }
    size_t n = strlen(p);
    return strncmp(path, p, n) == 0 && (path[n] == '\0' || path[n] == '/' || p[n - 1] == '/');
}

static int fd_under_prefix(int fd) {
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return 0;
    target[n] = '\0';
    return under_prefix(target);
}

static int writes_mode(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

#define REAL(name) \
    static __typeof__(&name) real_##name; \
    if (!real_##name) { \
        void* sym_ = dlsym(RTLD_NEXT, #name); /* POSIX: a function's address as void* */ \
        memcpy(&real_##name, &sym_, sizeof sym_); \
    }

static int refuse(const char* path) {
    int e = fault_errno();
    if (e && under_prefix(path)) {
        errno = e;
        return 1;
    }
    return 0;
}

int open(const char* path, int flags, ...) {
    REAL(open);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (writes_mode(flags) && refuse(path)) return -1;
    return real_open(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
    REAL(open64);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (writes_mode(flags) && refuse(path)) return -1;
    return real_open64(path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
    REAL(openat);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (writes_mode(flags) && (dirfd == AT_FDCWD || path[0] == '/') && refuse(path)) return -1;
    return real_openat(dirfd, path, flags, mode);
}

int creat(const char* path, mode_t mode) {
    REAL(creat);
    if (refuse(path)) return -1;
    return real_creat(path, mode);
}

int mkstemp(char* tmpl) {
    REAL(mkstemp);
    if (refuse(tmpl)) return -1;
    return real_mkstemp(tmpl);
}

int mkstemp64(char* tmpl) {
    REAL(mkstemp64);
    if (refuse(tmpl)) return -1;
    return real_mkstemp64(tmpl);
}

int mkdir(const char* path, mode_t mode) {
    REAL(mkdir);
    if (refuse(path)) return -1;
    return real_mkdir(path, mode);
}

int rename(const char* from, const char* to) {
    REAL(rename);
    if (refuse(from) || refuse(to)) return -1;
    return real_rename(from, to);
}

/* Bytes written so far to files under the prefix, shared by every thread. */
static long long written_total;

ssize_t write(int fd, const void* buf, size_t count) {
    REAL(write);
    const char* limit_text = getenv("HOSO_FAULT_ENOSPC_AFTER");
    if (limit_text && fd > 2 && fd_under_prefix(fd)) {
        long long limit = atoll(limit_text);
        long long before = __atomic_fetch_add(&written_total, (long long)count, __ATOMIC_SEQ_CST);
        if (before >= limit) {
            errno = ENOSPC;
            return -1;
        }
        if (before + (long long)count > limit) count = (size_t)(limit - before); /* a short write, then ENOSPC */
    }
    return real_write(fd, buf, count);
}

static ssize_t cookie_write(void* cookie, const char* buf, size_t size) {
    return write((int)(long)cookie, buf, size);
}

static int cookie_close(void* cookie) { return close((int)(long)cookie); }

static FILE* fault_fopen(const char* path, const char* mode, FILE* (*real)(const char*, const char*)) {
    const int writing = strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+');
    if (!writing || !under_prefix(path)) return real(path, mode);
    if (refuse(path)) return NULL;
    if (!getenv("HOSO_FAULT_ENOSPC_AFTER")) return real(path, mode);
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (strchr(mode, 'a') ? O_APPEND : O_TRUNC);
    int fd = open(path, flags, 0666);
    if (fd < 0) return NULL;
    cookie_io_functions_t io = {NULL, cookie_write, NULL, cookie_close};
    FILE* f = fopencookie((void*)(long)fd, "w", io);
    if (!f) close(fd);
    return f;
}

FILE* fopen(const char* path, const char* mode) {
    REAL(fopen);
    return fault_fopen(path, mode, real_fopen);
}

FILE* fopen64(const char* path, const char* mode) {
    REAL(fopen64);
    return fault_fopen(path, mode, real_fopen64);
}
