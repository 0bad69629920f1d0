// SHA-256 (FIPS 180-4) for the batch manifests, by OpenSSL's EVP digests (which use the
// processor's SHA instructions where it has them).
#include <openssl/evp.h>

#include <memory>

#include "core/core.h"

namespace hoso {

namespace {

// The digest, fetched once (an implicit fetch by EVP_sha256() costs a look-up per call).
const EVP_MD* sha256_md() {
    static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                    &EVP_MD_free);
    if (!md) throw Error("core: OpenSSL has no SHA-256 digest");
    return md.get();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256_md(), nullptr) != 1 || length != 32) {
        throw Error("core: OpenSSL SHA-256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(64, '\0');
    for (unsigned int i = 0; i < 32; ++i) {
        out[2 * i] = kHex[digest[i] >> 4];
        out[2 * i + 1] = kHex[digest[i] & 0xF];
    }
    return out;
}

}  // namespace hoso
