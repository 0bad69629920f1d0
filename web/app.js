// hoso — the clerk's page. Everything on it is generated from the form definition the server
// sends (GET /api/forms/{id}); nothing is decided here: every value goes to the server as the
// clerk typed it, and the server's parser, checks and evaluation answer (web/API.md).
'use strict';

(() => {
  // ─── small DOM helpers (text only: nothing from the data is ever parsed as HTML) ───
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'value') node.value = v;
      else if (k === 'checked') node.checked = !!v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const en = (text) => h('span', { class: 'en', lang: 'en' }, text);
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const safeId = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '-');

  const STATUS = {
    pass: ['Đạt', 'met'],
    fail: ['Không đạt', 'not met'],
    'not-applicable': ['Không áp dụng', 'not applicable'],
  };
  function badge(status, prefix) {
    const [vi, eng] = STATUS[status] || ['…', 'pending'];
    return h('span', { class: 'badge ' + (STATUS[status] ? status : 'pending'), title: eng, 'data-status': status || 'pending' },
      prefix ? prefix + ': ' + vi : vi);
  }

  // ─── state ───
  let forms = [];          // GET /api/forms
  let form = null;         // the form definition
  let state = null;        // the page state (web/API.md), values as typed
  let sent = null;         // the state last sent to /api/evaluate (to map diagnostics back)
  let lastAnswer = null;   // the last /api/evaluate answer
  let evalSeq = 0;
  let timer = null;
  const STORE = 'hoso.work.v1';
  // A new unit starts blank: its many "missing" messages are listed in the sidebar, and shown on
  // a field only once the clerk has been there (or opened a file, or asked for the dossier).
  const touched = new Set();
  let showAll = false;
  let dirty = false;   // something typed, or a file opened: ask before throwing it away
  const isTouched = (ptr) => showAll || Array.from(touched).some((t) => t === ptr || t.startsWith(ptr + '/') || ptr.startsWith(t + '/'));

  async function api(path, options) {
    const r = await fetch(path, options);
    const type = r.headers.get('Content-Type') || '';
    if (type.includes('application/json')) {
      const body = await r.json();
      if (!r.ok) throw Object.assign(new Error(body.message || r.statusText), { status: r.status, body });
      return body;
    }
    if (!r.ok) throw Object.assign(new Error(r.status + ' ' + r.statusText), { status: r.status });
    return r;
  }
  const postJson = (path, body) => fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });

  // ─── the state as sent: indicators that do not apply and are empty are left out ───
  function indicatorDef(id) {
    for (const c of form.criteria) for (const i of c.indicators) if (i.id === id) return i;
    return null;
  }
  function appliesAt(def, level) {
    const type = state.unit.type;
    if (!type) return true;
    const req = (def.requirements || []).find((r) => String(r.level) === String(level));
    const types = req ? req.unit_types : (def.applies || {}).unit_types;
    return !Array.isArray(types) || types.includes(type);
  }
  function appliesAnywhere(def) {
    const type = state.unit.type;
    if (!type) return true;
    const types = (def.applies || {}).unit_types;
    if (Array.isArray(types)) return types.includes(type);
    return (def.requirements || []).some((r) => appliesAt(def, r.level));
  }
  function isEmptyIndicator(ind) {
    return !ind.applicable && !ind.met && !ind.numerator && !ind.denominator && !ind.count && !ind.level
      && !(ind.figures || []).some((f) => f.value) && !(ind.evidence || []).length && !ind.note;
  }
  function stateToSend() {
    const copy = JSON.parse(JSON.stringify(state));
    copy.indicators = copy.indicators.filter((ind) => {
      const def = indicatorDef(ind.id);
      return !def || appliesAnywhere(def) || !isEmptyIndicator(ind);
    });
    return copy;
  }

  // ─── pointers: the page's fields carry data-ptr; indicators by id, figures by name,
  //     documents by kind, so they stay put when the state sent leaves some out ───
  function blankIndicator(id) {
    return { id, applicable: '', met: '', numerator: '', denominator: '', count: '', level: '', figures: [], evidence: [], note: '' };
  }
  function findIndicator(id, create) {
    let ind = state.indicators.find((i) => i.id === id);
    if (!ind && create) { ind = blankIndicator(id); state.indicators.push(ind); }
    return ind;
  }
  function getValue(ptr) {
    const p = ptr.split('/').slice(1);
    if (p[0] === 'indicators') {
      const ind = findIndicator(p[1], false);
      if (!ind) return p.length === 2 ? null : '';
      if (p[2] && p[2].startsWith('figure:')) {
        const f = (ind.figures || []).find((x) => x.name === p[2].slice(7));
        return f ? f.value : '';
      }
      let v = ind;
      for (const k of p.slice(2)) v = v == null ? v : v[k];
      return v == null ? '' : v;
    }
    if (p[0] === 'documents' && p[1] && p[1].startsWith('@')) {
      const d = state.documents.find((x) => x.kind === p[1].slice(1));
      return d ? d[p[2]] || '' : '';
    }
    let v = state;
    for (const k of p) v = v == null ? v : v[k];
    return v == null ? '' : v;
  }
  function setValue(ptr, value) {
    const p = ptr.split('/').slice(1);
    let target;
    if (p[0] === 'indicators') {
      const ind = findIndicator(p[1], true);
      if (p[2] && p[2].startsWith('figure:')) {
        const name = p[2].slice(7);
        ind.figures = ind.figures || [];
        const i = ind.figures.findIndex((x) => x.name === name);
        if (value === '') { if (i >= 0) ind.figures.splice(i, 1); }
        else if (i >= 0) ind.figures[i].value = value;
        else ind.figures.push({ name, value });
        return;
      }
      target = ind; p.splice(0, 2);
    } else if (p[0] === 'documents' && p[1] && p[1].startsWith('@')) {
      const kind = p[1].slice(1);
      let d = state.documents.find((x) => x.kind === kind);
      if (!d) { d = { kind, number: '', date: '' }; state.documents.push(d); }
      target = d; p.splice(0, 2);
    } else {
      target = state;
    }
    for (let i = 0; i < p.length - 1; i++) {
      if (target[p[i]] == null) target[p[i]] = /^\d+$/.test(p[i + 1]) ? [] : {};
      target = target[p[i]];
    }
    target[p[p.length - 1]] = value;
  }
  // A pointer into the state as sent → the page's pointer.
  function pagePointer(field) {
    if (!field || !sent) return null;
    const p = field.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (p[0] === 'indicators' && p.length > 1) {
      const ind = sent.indicators[Number(p[1])];
      if (!ind) return '/indicators';
      const out = ['indicators', ind.id];
      if (p[2] === 'figures' && p.length > 3) {
        const f = (ind.figures || [])[Number(p[3])];
        out.push(f ? 'figure:' + f.name : 'figures');
      } else out.push(...p.slice(2));
      return '/' + out.join('/');
    }
    if (p[0] === 'documents' && p.length > 1) {
      const d = sent.documents[Number(p[1])];
      return d ? '/documents/@' + d.kind + (p[2] ? '/' + p[2] : '') : '/documents';
    }
    return '/' + p.join('/');
  }

  // ─── field builders ───
  let fieldCount = 0;
  function bind(input, ptr, kind) {
    input.dataset.ptr = ptr;
    const v = getValue(ptr);
    if (kind === 'lines') input.value = (Array.isArray(v) ? v : []).join('\n');
    else if (input.type === 'checkbox') input.checked = v === input.value;
    else {
      // a value the list does not know (e.g. from an opened file) stays, as typed: the server judges it
      if (input.tagName === 'SELECT' && v && !Array.from(input.options).some((o) => o.value === v)) input.append(h('option', { value: v, text: v }));
      input.value = v == null ? '' : v;
    }
    input.addEventListener(input.tagName === 'SELECT' || input.type === 'checkbox' ? 'change' : 'input', () => {
      let value;
      if (kind === 'lines') value = input.value.split('\n').filter((l) => l.trim() !== '');
      else if (input.type === 'checkbox') value = input.checked ? input.value : '';
      else value = input.value;
      setValue(ptr, value);
      touched.add(ptr);
      changed();
    });
    input.addEventListener('blur', () => { if (!touched.has(ptr)) { touched.add(ptr); markDiagnostics(); } });
    return input;
  }
  function field(labelVi, labelEn, ptr, opts) {
    opts = opts || {};
    const id = opts.id || 'f' + (++fieldCount);
    let input;
    if (opts.options) {
      input = h('select', { id });
      for (const [value, text] of opts.options) input.append(h('option', { value, text }));
    } else if (opts.lines || opts.multiline) {
      input = h('textarea', { id, rows: opts.rows || 2, placeholder: opts.placeholder });
    } else {
      input = h('input', { id, type: 'text', class: opts.cls, inputmode: opts.inputmode, placeholder: opts.placeholder,
        autocomplete: 'off', spellcheck: opts.spellcheck === false ? 'false' : null });
    }
    bind(input, ptr, opts.lines ? 'lines' : null);
    const help = opts.help ? h('span', { class: 'help', id: id + '-help' }, opts.help) : null;
    if (help) input.setAttribute('aria-describedby', help.id);
    return h('div', { class: 'field' + (opts.wide ? ' wide' : '') },
      h('label', { for: id }, labelVi, labelEn ? [' ', en(labelEn)] : null), input, help);
  }
  function card(key, titleVi, titleEn, ...body) {
    return h('section', { class: 'card', id: 'sec-' + key, 'aria-labelledby': 'sec-' + key + '-h' },
      h('h2', { id: 'sec-' + key + '-h' }, titleVi, ' ', en(titleEn)),
      h('div', { class: 'body' }, ...body));
  }
  const fmtDate = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || '') ? iso.slice(8) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4) : iso || '');
  const DATE_HINT = 'năm-tháng-ngày hoặc ngày/tháng/năm';

  // ─── sections ───
  function unitSection() {
    const types = [['', '— chọn loại đơn vị —']].concat(form.unit_types.map((t) => [t.code, t.name]));
    const traits = (form.traits || []).map((t) => {
      const id = 'trait-' + safeId(t.code);
      const box = h('input', { type: 'checkbox', id, value: t.code, checked: (state.unit.trait || []).includes(t.code) });
      box.dataset.ptr = '/unit/trait';
      box.addEventListener('change', () => {
        const set = new Set(state.unit.trait || []);
        if (box.checked) set.add(t.code); else set.delete(t.code);
        state.unit.trait = Array.from(set);
        changed();
      });
      return h('div', { class: 'field inline wide' }, box, h('label', { for: id }, t.name));
    });
    const typeField = field('Loại đơn vị', 'unit type', '/unit/type', { options: types, id: 'unit-type', wide: true,
      help: 'Loại đơn vị quyết định chỉ tiêu nào áp dụng. (The type decides which indicators apply.)' });
    $('select', typeField).addEventListener('change', () => renderCriteria());
    // Số Thành viên only where a ratio of the form takes it as its denominator
    const usesMembers = state.unit.members || form.criteria.some((c) => c.indicators.some((i) => (i.inputs || []).some((x) => x.blank_means_members)));
    const abbrField = field('Chữ viết tắt (ký hiệu văn bản)', 'abbreviation', '/unit/abbreviation', { id: 'unit-abbr', placeholder: 'ví dụ: THĐH',
      help: 'Ký hiệu Tờ trình: …/TTr-' });
    const abbrHelp = $('.help', abbrField);
    const echo = () => { abbrHelp.textContent = 'Ký hiệu Tờ trình: …/TTr-' + (state.unit.abbreviation || '…'); };
    echo();
    $('input', abbrField).addEventListener('input', echo);
    return card('unit', 'Đơn vị', 'Unit',
      h('div', { class: 'grid' },
        typeField,
        field('Tên đơn vị', 'name', '/unit/name', { id: 'unit-name', wide: true, placeholder: 'ví dụ: Trường Tiểu học Đông Hải' }),
        field('Cơ quan chủ quản', 'parent agency, one per line', '/unit/parent-agency', { lines: true, id: 'unit-parent', placeholder: 'ví dụ: UBND HUYỆN PHONG THỔ' }),
        field('Tên đơn vị ở tiêu đề (nếu cần nhiều dòng)', 'issuing lines', '/unit/issuing-line', { lines: true, id: 'unit-issuing' }),
        abbrField,
        field('Địa danh (dòng ngày tháng)', 'place', '/unit/place', { id: 'unit-place', placeholder: 'ví dụ: Phong Thổ' }),
        field('Huyện', 'district', '/unit/district', { id: 'unit-district', placeholder: 'ví dụ: huyện Phong Thổ' }),
        field('Xã', 'commune', '/unit/commune', { id: 'unit-commune' }),
        usesMembers ? field('Số Thành viên', 'members', '/unit/members', { id: 'unit-members', cls: 'num', inputmode: 'numeric',
          help: 'Mẫu số mặc định của các tỷ lệ Thành viên.' }) : null,
        traits));
  }

  function assessmentSection() {
    const levels = [['', '—']].concat(form.levels.map((l) => [String(l.number), l.name]));
    const kinds = [['', '—']].concat(form.kinds.map((k) => [k.code, k.name]));
    const prev = h('div', { class: 'grid wide', id: 'previous-decision' });
    function renderPrev() {
      prev.replaceChildren();
      const kind = state.assessment.kind;
      if (!kind || kind === 'first' || kind === 'lan-dau') {
        prev.hidden = true;
        return;
      }
      prev.hidden = false;
      if (!state.assessment['previous-decision']) state.assessment['previous-decision'] = { number: '', date: '', level: '', year: '' };
      prev.append(
        h('div', { class: 'field wide' }, h('span', { class: 'label' }, 'Quyết định công nhận trước ', en('previous decision'))),
        field('Số quyết định', 'number', '/assessment/previous-decision/number', { placeholder: 'ví dụ: 215/QĐ-UBND' }),
        field('Ngày quyết định', 'date', '/assessment/previous-decision/date', { cls: 'date', placeholder: 'ví dụ: 2023-02-08', help: DATE_HINT }),
        field('Mức độ đã công nhận', 'level', '/assessment/previous-decision/level', { options: levels }),
        field('Năm được đánh giá', 'assessed year', '/assessment/previous-decision/year', { cls: 'num', inputmode: 'numeric' }));
    }
    const kindField = field('Hình thức đề nghị', 'kind', '/assessment/kind', { options: kinds, id: 'assessment-kind' });
    $('select', kindField).addEventListener('change', () => {
      const k = state.assessment.kind;
      if (!k || k === 'first' || k === 'lan-dau') state.assessment['previous-decision'] = null;
      renderPrev();
    });
    const levelField = field('Mức độ đề nghị', 'requested level', '/assessment/level', { options: levels, id: 'assessment-level' });
    $('select', levelField).addEventListener('change', () => renderCriteria());
    renderPrev();
    return card('assessment', 'Đợt đánh giá', 'Assessment',
      h('div', { class: 'grid' },
        field('Năm đánh giá', 'assessed year', '/assessment/year', { id: 'assessment-year', cls: 'num', inputmode: 'numeric',
          help: 'Số liệu từ 01/01 đến 31/12 của năm này.' }),
        levelField, kindField,
        field('Ngày quyết định công nhận (nếu đã có)', 'decision date', '/assessment/decision-date', { cls: 'date', help: DATE_HINT }),
        prev));
  }

  function documentsSection() {
    const body = h('tbody');
    for (const d of form.procedure.documents) {
      const cell = (what, cls, labelVi) => {
        const input = bind(h('input', { type: 'text', class: cls, id: 'doc-' + d.kind + '-' + what, autocomplete: 'off',
          'aria-label': labelVi + ' — ' + d.name }), '/documents/@' + d.kind + '/' + what);
        return h('td', { class: 'field' }, input);
      };
      body.append(h('tr', { 'data-ptr': '/documents/@' + d.kind },
        h('th', { scope: 'row' }, d.name), cell('number', 'code', 'Số'), cell('date', 'date', 'Ngày')));
    }
    return card('documents', 'Văn bản', 'Documents',
      h('table', { class: 'documents' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Văn bản'), h('th', { scope: 'col' }, 'Số ', en('number')),
          h('th', { scope: 'col' }, 'Ngày ', en('date')))),
        body),
      h('p', { class: 'hint' }, 'Ngày: năm-tháng-ngày (2025-01-08) hoặc ngày/tháng/năm; để ghi tay ngày khi ký, bỏ trống ngày: 2025-01. Số có thể để trống. ',
        form.procedure.dossier_deadline ? 'Hạn gửi hồ sơ: ' + form.procedure.dossier_deadline + '.' : ''));
  }

  function addresseesSection() {
    const auth = h('div', { class: 'grid' });
    function authField(key, labelVi, labelEn, opts) {
      const f = field(labelVi, labelEn, '/authorities/' + key, opts);
      const input = $('input,select', f);
      input.addEventListener(opts && opts.options ? 'change' : 'input', () => {
        const a = state.authorities;
        if (a && !a.profile && !a.confirmed) state.authorities = null;
      });
      return f;
    }
    auth.append(
      authField('profile', 'Hồ sơ thẩm quyền (để trống: theo ngày Tờ trình)', 'authority profile', { id: 'auth-profile', placeholder: 'ví dụ: hai-cap' }),
      authField('confirmed', 'Đã kiểm tra cơ quan có thẩm quyền theo hướng dẫn hiện hành', 'successors confirmed',
        { id: 'auth-confirmed', options: [['', 'Chưa'], ['yes', 'Đã kiểm tra (yes)']] }));
    return card('addressees', 'Kính gửi, người ký, nơi nhận', 'Addressees, signer, distribution',
      form.procedure.decider ? h('p', { class: 'hint' }, 'Hồ sơ gửi ' + form.procedure.addressee + '; người quyết định công nhận: ' + form.procedure.decider + '.') : null,
      h('div', { class: 'grid' },
        field('Kính gửi (mỗi dòng một cơ quan)', 'addressees', '/addressees', { lines: true, id: 'addressees', rows: 2,
                    help: 'Để trống: cơ quan nhận theo quy định tại ngày Tờ trình (' + form.procedure.addressee + ').' }),
        field('Nơi nhận (mỗi dòng một nơi)', 'distribution', '/distribution', { lines: true, id: 'distribution', rows: 2,
          }),
        field('Quyền hạn, chức vụ người ký (mỗi dòng một dòng)', 'signer authority', '/signer/authority', { lines: true, id: 'signer-authority', rows: 2,
          placeholder: 'ví dụ: HIỆU TRƯỞNG' }),
        field('Họ tên người ký', 'signer name', '/signer/name', { id: 'signer-name', placeholder: 'ví dụ: Nguyễn Thị Thu Hà' })),
      auth);
  }

  function teamSection() {
    return card('team', 'Tổ đánh giá', 'Assessment team',
      field('Thành viên (mỗi dòng một người: Họ tên - chức vụ - nhiệm vụ)', 'one per line', '/team', { lines: true, id: 'team', rows: 4,
        placeholder: 'ví dụ: Nguyễn Thị Thu Hà - Hiệu trưởng - Tổ trưởng', wide: true }));
  }

  // ─── criteria and indicators ───
  function inputFor(def, inp) {
    const id = 'f-' + safeId(def.id) + '-' + safeId(inp.name);
    const std = ['met', 'numerator', 'denominator', 'count', 'level'].includes(inp.name);
    const ptr = '/indicators/' + def.id + '/' + (std ? inp.name : 'figure:' + inp.name);
    let control;
    if (inp.kind === 'yes-no') {
      control = h('select', { id });
      for (const [v, t] of [['', '— chưa nhập —'], ['có', def.yes_text || 'Có'], ['không', def.no_text || 'Không']]) control.append(h('option', { value: v, text: t }));
    } else if (inp.kind === 'level') {
      const scale = (form.scales || []).find((s) => s.id === def.scale);
      control = h('select', { id });
      control.append(h('option', { value: '', text: '— chưa nhập —' }));
      for (const s of scale ? scale.steps : []) control.append(h('option', { value: s.code, text: s.name }));
    } else {
      control = h('input', { id, type: 'text', class: 'num', inputmode: def.whole_numbers ? 'numeric' : 'decimal', autocomplete: 'off' });
    }
    bind(control, ptr);
    const helps = [];
    if (Array.isArray(inp.unit_types) && state.unit.type && !inp.unit_types.includes(state.unit.type)) {
      control.disabled = true;
      helps.push('không áp dụng đối với loại đơn vị này');
    }
    if (inp.blank_means_members) helps.push('để trống: bằng Số Thành viên (', h('span', { class: 'members-echo' }, state.unit.members || '…'), ')');
    const unit = inp.kind === 'number' && (def.measure === 'count' ? def.count_unit : def.value_unit);
    const help = helps.length ? h('span', { class: 'help', id: id + '-help' }, ...helps) : null;
    if (help) control.setAttribute('aria-describedby', help.id);
    return h('div', { class: 'field' },
      h('label', { for: id }, inp.label), h('div', null, control, unit ? ' ' + unit : null), help);
  }

  function evidenceBlock(def) {
    const wrap = h('div', { class: 'evidence' });
    const ptr = '/indicators/' + def.id + '/evidence';
    function render() {
      const ind = findIndicator(def.id, false);
      const list = ind ? ind.evidence || [] : [];
      const table = h('table', null,
        h('caption', null, 'Minh chứng ', en('evidence')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Mã'), h('th', { scope: 'col' }, 'Ngày văn bản'),
          h('th', { scope: 'col' }, 'Mô tả (loại, số, ngày, cơ quan ban hành)'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Xóa')))));
      const body = h('tbody');
      list.forEach((e, k) => {
        const base = ptr + '/' + k;
        const n = k + 1;
        const code = bind(h('input', { type: 'text', class: 'code', 'aria-label': 'Mã minh chứng ' + n + ' của ' + def.id, autocomplete: 'off' }), base + '/code');
        const date = bind(h('input', { type: 'text', class: 'date', 'aria-label': 'Ngày minh chứng ' + n + ' của ' + def.id, placeholder: 'năm-tháng-ngày', autocomplete: 'off' }), base + '/date');
        const desc = bind(h('input', { type: 'text', 'aria-label': 'Mô tả minh chứng ' + n + ' của ' + def.id, autocomplete: 'off' }), base + '/description');
        const del = h('button', { type: 'button', class: 'small', 'aria-label': 'Xóa minh chứng ' + n + ' của ' + def.id,
          onclick: () => { findIndicator(def.id, true).evidence.splice(k, 1); render(); changed(); } }, 'Xóa');
        body.append(h('tr', { 'data-ptr': base },
          h('td', { class: 'code' }, code), h('td', { class: 'date' }, date), h('td', null, desc), h('td', { class: 'act' }, del)));
      });
      table.append(body);
      const add = h('button', { type: 'button', class: 'small', id: 'add-ev-' + safeId(def.id),
        onclick: () => {
          const ind = findIndicator(def.id, true);
          ind.evidence = ind.evidence || [];
          const crit = def.id.split('.')[0].replace(/^T/, '');
          const count = state.indicators.reduce((a, i) => a + (i.evidence || []).filter((e) => (e.code || '').startsWith('H' + crit + '-')).length, 0);
          ind.evidence.push({ code: 'H' + crit + '-' + String(count + 1).padStart(2, '0'), date: '', description: '' });
          render(); changed();
          const rows = $$('tbody tr', wrap);
          const last = rows[rows.length - 1];
          if (last) $$('input', last)[2].focus();
        } }, '+ Thêm minh chứng ', en('add evidence'));
      wrap.replaceChildren(list.length ? table : h('p', { class: 'hint' }, 'Chưa có minh chứng. ', en('No evidence yet.')), add);
      wrap.dataset.ptr = ptr;
      markDiagnostics();
    }
    render();
    return wrap;
  }

  function indicatorBlock(def) {
    const key = safeId(def.id);
    const fs = h('fieldset', { class: 'indicator', id: 'ind-' + key, 'data-ptr': '/indicators/' + def.id });
    const requested = state.assessment.level || '1';
    const statuses = h('span', { class: 'statuses', id: 'st-' + key });
    fs.append(
      h('legend', null, def.id + ' — ' + def.short_name),
      h('div', { class: 'ind-head' },
        h('span', { class: 'place' }, 'Chỉ tiêu ' + def.number + ' của Tiêu chí ' + def.id.replace(/^T(\d+).*/, '$1') + (def.point ? ' — điểm ' + def.point : '')),
        statuses));
    // The official wording: the indicator's own, else that of the requested level.
    const shownReq = (def.requirements || []).find((r) => String(r.level) === String(requested)) || (def.requirements || [])[0];
    const official = def.text || (shownReq && shownReq.text) || '';
    if (official) fs.append(h('p', { class: 'official' }, official));
    const reqs = h('ul', { class: 'requirements' });
    for (const r of def.requirements || []) {
      const applies = appliesAt(def, r.level);
      const li = h('li', null,
        h('span', { class: 'lvl' }, 'Mức độ ' + r.level), r.citation ? ' (' + r.citation + ')' : '', ': ',
        applies ? h('span', { class: 'threshold' }, r.summary || '') : h('span', { class: 'na-note' },
          'Không áp dụng đối với loại đơn vị này' + (r.applies_text ? ' (' + r.applies_text + ')' : '')));
      if (r.text && r.text !== official) {
        li.append(' ', h('details', null, h('summary', null, 'nguyên văn'), h('span', { class: 'text' }, r.text)));
      }
      reqs.append(li);
    }
    fs.append(reqs);
    if (!appliesAnywhere(def)) {
      fs.classList.add('not-applicable');
      fs.append(h('p', { class: 'na-note' }, 'Không áp dụng đối với loại đơn vị này' +
        (def.applies && def.applies.text ? ' (' + def.applies.text + ')' : '') + '; không cần khai. ', en('Does not apply to this unit type.')));
      fs.append(h('div', { class: 'ind-diags' }));
      return fs;
    }
    if (def.may_be_not_applicable) {
      const id = 'f-' + key + '-applicable';
      const box = bind(h('input', { type: 'checkbox', id, value: 'không' }), '/indicators/' + def.id + '/applicable');
      fs.append(h('div', { class: 'field inline' }, box,
        h('label', { for: id }, 'Không áp dụng: ' + def.may_be_not_applicable + ' (ghi lý do ở Ghi chú)')));
    }
    const inputs = h('div', { class: 'inputs' }, (def.inputs || []).map((inp) => inputFor(def, inp)),
      h('div', { class: 'computed', id: 'val-' + key, 'aria-live': 'polite' }));
    fs.append(inputs, evidenceBlock(def));
    const noteId = 'f-' + key + '-note';
    fs.append(h('div', { class: 'field' }, h('label', { for: noteId }, 'Ghi chú ', en('note')),
      bind(h('textarea', { id: noteId, rows: 1 }), '/indicators/' + def.id + '/note')));
    fs.append(h('p', { class: 'reason', id: 'why-' + key }), h('div', { class: 'ind-diags' }));
    return fs;
  }

  function criterionSection(c) {
    const cites = Object.entries(c.citations || {}).map(([l, t]) => 'mức độ ' + l + ': ' + t).join('; ');
    const sec = h('section', { class: 'card criterion', id: 'sec-' + safeId(c.id), 'aria-labelledby': 'sec-' + safeId(c.id) + '-h' },
      h('h2', { id: 'sec-' + safeId(c.id) + '-h' }, 'Tiêu chí ' + c.number + '. ' + c.title,
        h('span', { class: 'criterion-meta' }, cites ? '(' + cites + ')' : ''),
        h('span', { class: 'status', id: 'cst-' + safeId(c.id) })),
      h('div', { class: 'body' }, c.indicators.map(indicatorBlock)));
    return sec;
  }

  function renderCriteria() {
    for (const c of form.criteria) {
      const old = document.getElementById('sec-' + safeId(c.id));
      if (old) old.replaceWith(criterionSection(c));
    }
    showEvaluation();
    markDiagnostics();
  }

  function reportSection() {
    const wrap = h('div');
    function render() {
      wrap.replaceChildren();
      (state.report || []).forEach((s, k) => {
        const base = '/report/' + k;
        const del = h('button', { type: 'button', class: 'small', 'aria-label': 'Xóa mục ' + (s.title || k + 1),
          onclick: () => { state.report.splice(k, 1); render(); changed(); } }, 'Xóa mục');
        wrap.append(h('div', { class: 'report-section', 'data-ptr': base },
          h('div', { class: 'row' },
            field('Tiêu đề mục', 'title', base + '/title', { id: 'rep-' + k + '-title' }),
            field('Mã mục', 'key', base + '/key', { id: 'rep-' + k + '-key', cls: 'key', spellcheck: false }),
            del),
          field('Nội dung (mỗi dòng một đoạn)', 'paragraphs, one per line', base + '/p', { lines: true, id: 'rep-' + k + '-p', rows: 3 })));
      });
      const used = new Set((state.report || []).map((s) => s.key));
      const add = h('div', { class: 'toolbar' }, h('span', { class: 'hint' }, 'Thêm mục: '),
        RECOMMENDED.filter(([k]) => !used.has(k)).map(([k, t]) => h('button', { type: 'button', class: 'small',
          onclick: () => { state.report = state.report || []; state.report.push({ key: k, title: t, p: [] }); render(); changed();
            const t2 = document.getElementById('rep-' + (state.report.length - 1) + '-p'); if (t2) t2.focus(); } }, t)),
        h('button', { type: 'button', class: 'small', onclick: () => { state.report = state.report || []; state.report.push({ key: '', title: '', p: [] }); render(); changed(); } }, 'Mục khác…'));
      wrap.append(add);
      markDiagnostics();
    }
    render();
    return card('report', 'Báo cáo tự đánh giá: phần thuyết minh', 'Self-assessment report: narrative',
      h('p', { class: 'hint' }, 'Các mục của Báo cáo (Mẫu 02). Mã mục nên dùng: dac-diem, thuan-loi, kho-khan, to-chuc-danh-gia, ton-tai, kien-nghi.'),
      wrap);
  }
  // The report keys the templates look for (examples/README.md, section 2).
  const RECOMMENDED = [['dac-diem', 'Đặc điểm tình hình'], ['thuan-loi', 'Thuận lợi'], ['kho-khan', 'Khó khăn'],
    ['to-chuc-danh-gia', 'Tổ chức tự đánh giá'], ['ton-tai', 'Tồn tại, hạn chế'], ['kien-nghi', 'Kiến nghị, đề xuất']];

  // ─── banners: every UNVERIFIED point of the form, and the settings the data may override ───
  function renderBanners(extra) {
    const box = $('#banners');
    box.replaceChildren();
    for (const b of extra || []) {
      b.prepend(h('button', { type: 'button', class: 'small close', 'aria-label': 'Đóng thông báo (close)', onclick: () => b.remove() }, '×'));
      box.append(b);
    }
    const items = form.unverified || [];
    if (!items.length) return;
    const list = h('ul');
    for (const u of items) {
      const li = h('li', null, h('span', { class: 'tag' }, 'CHƯA XÁC MINH'));
      if (u.kind === 'setting') {
        const s = (form.settings || []).find((x) => x.name === u.name);
        li.append(h('strong', null, u.name + ' = ' + u.value), ': ', u.vi, ' ', en(u.en || ''));
        if (s && s.values && s.values.length > 1) li.append(' ', settingSelect(s));
      } else {
        const when = (u.from ? ' từ ' + fmtDate(u.from) : '') + (u.until ? ' đến ' + fmtDate(u.until) : '');
        li.append(h('strong', null, 'Lưu ý' + when), ': ', u.vi, ' ', en(u.en || ''));
      }
      list.append(li);
    }
    const names = items.map((u) => u.kind === 'setting' ? u.name + ' = ' + currentSetting(u) : 'lưu ý' + (u.from ? ' từ ' + fmtDate(u.from) : ''));
    box.append(h('details', { class: 'banner', id: 'unverified' },
      h('summary', null, h('span', { class: 'tag' }, 'CHƯA XÁC MINH'),
        items.length + ' điểm Thông tư chưa rõ, hoso đang dùng giá trị mặc định: ', h('span', { class: 'names', id: 'unverified-names' }, names.join(' · ')),
        '. Kiểm tra trước khi gửi hồ sơ — bấm để xem, đổi. ', en(items.length + ' UNVERIFIED points of this form; click to read or change')),
      list));
  }
  function currentSetting(u) {
    const cur = (state.settings || []).find((x) => x.name === u.name);
    return cur ? cur.value + ' (đã đổi)' : u.value;
  }
  function settingSelect(s) {
    const id = 'setting-' + safeId(s.name);
    const sel = h('select', { id });
    sel.append(h('option', { value: '', text: 'mặc định (' + s.value + ')' }));
    for (const v of s.values) if (v !== s.value) sel.append(h('option', { value: v, text: v }));
    const cur = (state.settings || []).find((x) => x.name === s.name);
    sel.value = cur ? cur.value : '';
    sel.dataset.ptr = '/settings/' + s.name;
    sel.addEventListener('change', () => {
      state.settings = (state.settings || []).filter((x) => x.name !== s.name);
      if (sel.value) state.settings.push({ name: s.name, value: sel.value });
      const names = $('#unverified-names');
      if (names) names.textContent = (form.unverified || []).map((u) => u.kind === 'setting' ? u.name + ' = ' + currentSetting(u) : 'lưu ý' + (u.from ? ' từ ' + fmtDate(u.from) : '')).join(' · ');
      changed();
    });
    return h('span', null, h('label', { for: id, class: 'visually-hidden' }, 'Giá trị của ' + s.name), sel);
  }

  // ─── the whole page ───
  function renderAll() {
    fieldCount = 0;
    const root = $('#sections');
    root.replaceChildren(unitSection(), assessmentSection(), documentsSection(), addresseesSection(), teamSection(),
      ...form.criteria.map(criterionSection), reportSection());
    renderBanners();
    renderToc();
    renderDownloads();
    document.title = 'hoso — ' + form.title;
    showEvaluation();
  }
  function renderToc() {
    const toc = $('#toc');
    toc.replaceChildren();
    const items = [['unit', 'Đơn vị'], ['assessment', 'Đợt đánh giá'], ['documents', 'Văn bản'],
      ['addressees', 'Kính gửi, người ký, nơi nhận'], ['team', 'Tổ đánh giá']];
    for (const [k, t] of items) toc.append(h('li', null, h('a', { href: '#sec-' + k }, t)));
    for (const c of form.criteria) {
      toc.append(h('li', null, h('a', { href: '#sec-' + safeId(c.id) }, h('span', null, 'Tiêu chí ' + c.number),
        h('span', { id: 'toc-' + safeId(c.id) }))));
    }
    toc.append(h('li', null, h('a', { href: '#sec-report' }, 'Báo cáo (thuyết minh)')),
      h('li', null, h('a', { href: '#sec-download' }, 'Tải hồ sơ')));
  }

  // ─── evaluation on the page ───
  function changed() {
    evalSeq++;   // an answer still on its way is now stale
    dirty = true;
    for (const n of $$('.members-echo')) n.textContent = state.unit.members || '…';
    clearTimeout(timer);
    timer = setTimeout(evaluate, 300);
    $('#summary').setAttribute('aria-busy', 'true');
  }
  async function evaluate() {
    const seq = ++evalSeq;
    $('#summary').setAttribute('aria-busy', 'true');
    const body = stateToSend();
    try { localStorage.setItem(STORE, JSON.stringify({ form: form.id, state })); } catch (e) { /* private mode */ }
    let answer;
    try {
      const r = await postJson('/api/evaluate', body);
      answer = await r.json();
      if (!r.ok) throw new Error(answer.message || r.statusText);
    } catch (e) {
      if (seq !== evalSeq) return;
      $('#summary').removeAttribute('aria-busy');
      $('#summary').replaceChildren(h('p', { class: 'diag error', role: 'alert' }, 'Không kiểm tra được: ' + e.message,
        ' ', en('hoso serve did not answer; is it still running?')));
      return;
    }
    if (seq !== evalSeq) return;   // a newer request is on its way
    sent = body;
    lastAnswer = answer;
    $('#summary').removeAttribute('aria-busy');
    document.body.dataset.evaluated = String(seq);
    showEvaluation();
    markDiagnostics();
  }

  function indicatorResults() {
    const map = new Map();   // "level|id" → result
    const crit = new Map();
    const ev = lastAnswer && lastAnswer.evaluation;
    if (!ev) return { map, crit, ev: null };
    for (const l of ev.levels || []) {
      for (const c of l.criteria || []) {
        crit.set(l.level + '|' + c.id, c);
        for (const i of c.indicators || []) map.set(l.level + '|' + i.id, i);
      }
    }
    return { map, crit, ev };
  }

  function showEvaluation() {
    if (!form) return;
    const { map, crit, ev } = indicatorResults();
    const requested = String(state.assessment.level || (form.levels[0] && form.levels[0].number) || 1);
    for (const c of form.criteria) {
      const ck = safeId(c.id);
      const cst = document.getElementById('cst-' + ck);
      if (cst) cst.replaceChildren(...form.levels.map((l) => badge((crit.get(l.number + '|' + c.id) || {}).status, 'MĐ ' + l.number)));
      const toc = document.getElementById('toc-' + ck);
      if (toc) toc.replaceChildren(badge((crit.get(requested + '|' + c.id) || {}).status));
      for (const def of c.indicators) {
        const key = safeId(def.id);
        const st = document.getElementById('st-' + key);
        if (st) {
          st.replaceChildren(...form.levels.map((l) => {
            const b = badge((map.get(l.number + '|' + def.id) || {}).status, 'MĐ ' + l.number);
            b.id = 'st-' + key + '-' + l.number;
            return b;
          }));
        }
        const r = map.get(requested + '|' + def.id);
        const fs = document.getElementById('ind-' + key);
        if (fs) {
          fs.classList.remove('pass', 'fail', 'not-applicable');
          if (r) fs.classList.add(r.status);
          else if (!appliesAnywhere(def)) fs.classList.add('not-applicable');
        }
        const val = document.getElementById('val-' + key);
        if (val) val.textContent = r && r.value && def.measure !== 'yes-no' ? '= ' + r.value : '';
        const why = document.getElementById('why-' + key);
        if (why) {
          why.replaceChildren();
          if (r) why.append(h('span', { class: 'lvl' }, 'Mức độ ' + requested + ': '), badge(r.status), ' ',
            r.requirement ? 'yêu cầu ' + r.requirement + '. ' : '', r.reason || '');
        }
      }
    }
    // the summary in the sidebar
    const s = $('#summary');
    s.replaceChildren();
    if (!lastAnswer) { s.append(h('p', { class: 'hint' }, 'Đang kiểm tra… ', en('checking…'))); return; }
    if (lastAnswer.provisional) s.append(h('p', { class: 'diag warning' }, 'Tạm tính: số liệu còn lỗi. ', en('provisional: the data has errors')));
    if (!ev) { s.append(h('p', null, 'Chưa đánh giá được.')); return; }
    for (const l of ev.levels || []) {
      s.append(h('p', { id: 'level-' + l.level }, badge(l.status, 'Mức độ ' + l.level), ' ',
        h('span', { class: 'en' }, l.criteria_passed + '/' + l.criteria_total + ' tiêu chí')));
    }
    s.append(h('p', null, ev.reached_level ? 'Mức độ cao nhất đạt được: mức độ ' + ev.reached_level : 'Chưa đạt mức độ nào.'));
    const kind = (form.kinds.find((k) => k.code === ev.kind) || {}).name || ev.kind;
    s.append(h('p', { class: 'conclusion', id: 'conclusion' }, 'Đề nghị công nhận mức độ ' + ev.requested_level + ' (' + kind + '): ',
      h('span', { class: ev.granted ? 'badge pass' : 'badge fail' }, ev.granted ? 'ĐỦ ĐIỀU KIỆN' : 'CHƯA ĐỦ ĐIỀU KIỆN')));
    if (ev.reasons && ev.reasons.length) s.append(h('ul', { class: 'reasons' }, ev.reasons.map((r) => h('li', null, r))));
    if (ev.valid_until && ev.granted) s.append(h('p', null, 'Bảo lưu đến ngày ' + fmtDate(ev.valid_until) + '.'));
    if (ev.earliest_request_date && !ev.request_in_order) s.append(h('p', null, 'Tờ trình lập sớm nhất từ ngày ' + fmtDate(ev.earliest_request_date) + '.'));
  }

  // Diagnostics: each marked on its field (the field's pointer, else the nearest that exists),
  // and all listed in the sidebar.
  function targetFor(d) {
    const tries = [];
    const m = /^indicator\[([^\]]+)\]\.([a-z-]+)$/.exec(d.name || '');
    let ptr = pagePointer(d.field);
    if (m && (!ptr || /^\/indicators\/[^/]+$/.test(ptr))) tries.push('/indicators/' + m[1] + '/' + m[2], '/indicators/' + m[1] + '/figure:' + m[2]);
    if (!ptr && d.indicator) ptr = '/indicators/' + d.indicator;
    if (ptr) {
      const p = ptr.split('/');
      while (p.length > 1) { tries.push(p.join('/')); p.pop(); }
    }
    for (const t of tries) {
      const node = $$('[data-ptr]').find((n) => n.dataset.ptr === t);
      if (node) return node;
    }
    return null;
  }
  function markDiagnostics() {
    for (const n of $$('.diag.on-field')) n.remove();
    for (const n of $$('.has-error, .has-warning')) n.classList.remove('has-error', 'has-warning');
    for (const n of $$('[aria-invalid]')) n.removeAttribute('aria-invalid');
    const list = $('#diag-list');
    const counts = $('#diag-counts');
    if (!lastAnswer) return;
    list.replaceChildren();
    const diags = lastAnswer.diagnostics || [];
    counts.replaceChildren(
      h('span', { class: lastAnswer.errors ? 'badge fail' : 'badge pass', id: 'error-count' }, lastAnswer.errors + ' lỗi'), ' ',
      h('span', { class: 'badge pending' }, lastAnswer.warnings + ' cảnh báo'),
      ...(lastAnswer.valid ? [h('span', { class: 'en' }, ' — hợp lệ (valid)')] : []));
    diags.forEach((d, k) => {
      let target = targetFor(d);
      if (target && !isTouched(target.dataset.ptr || '')) target = null;
      const sev = d.severity === 'error' ? 'error' : 'warning';
      const msgId = 'diag-' + k;
      const msg = h('p', { class: 'diag on-field ' + sev, id: msgId, 'data-field': d.field || '' },
        (sev === 'error' ? 'Lỗi: ' : 'Cảnh báo: ') + d.message_vi, d.message_en ? en(d.message_en) : null);
      if (target) {
        let host;
        if (target.matches('fieldset.indicator')) host = $('.ind-diags', target) || target;
        else if (target.matches('input,select,textarea')) host = target.closest('.field, td') || target.parentNode;
        else host = target;
        (target.matches('input,select,textarea') ? target : host).classList.add(sev === 'error' ? 'has-error' : 'has-warning');
        if (target.matches('input,select,textarea')) {
          if (sev === 'error') target.setAttribute('aria-invalid', 'true');
          const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.startsWith('diag-'));
          target.setAttribute('aria-describedby', ids.concat(msgId).join(' '));
        }
        if (host.matches('td')) host.closest('tr').after(h('tr', { class: 'diag-row' }, h('td', { colspan: 4 }, msg)));
        else host.append(msg);
      }
      const item = h('li', { class: sev },
        h('button', { type: 'button', class: 'link', onclick: () => focusTarget(d) }, (d.indicator && !d.message_vi.includes(d.indicator) ? d.indicator + ': ' : '') + d.message_vi));
      if (k < 60) list.append(item);
      else if (k === 60) list.append(h('li', null, '… (' + (diags.length - 60) + ' nữa)'));
    });
    for (const r of $$('tr.diag-row')) if (!$('.diag', r)) r.remove();
  }
  function focusTarget(d) {
    const t = targetFor(d);
    if (!t) return;
    if (t.dataset.ptr && !touched.has(t.dataset.ptr)) { touched.add(t.dataset.ptr); markDiagnostics(); }
    const f = t.matches('input,select,textarea') ? t : $('input,select,textarea', t) || t;
    f.scrollIntoView({ block: 'center' });
    f.focus({ preventScroll: true });
    const box = t.closest('.field, fieldset, section') || t;
    box.classList.remove('flash'); void box.offsetWidth; box.classList.add('flash');
  }

  // ─── downloads ───
  function filenameOf(r, fallback) {
    const cd = r.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="([^"]+)"/i.exec(cd);
    return plain ? plain[1] : fallback;
  }
  function saveBlob(blob, name) {
    const a = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
  }
  function status(text, cls) {
    const s = $('#download-status');
    s.className = 'status-line' + (cls ? ' ' + cls : '');
    s.replaceChildren(...[].concat(text));
  }
  async function render(format, documentId, label) {
    if (!showAll) { showAll = true; markDiagnostics(); }
    status('Đang lập ' + label + '…');
    const body = { state: stateToSend(), format };
    if (documentId) body.document = documentId;
    try {
      const r = await postJson('/api/render', body);
      if (!r.ok) {
        const j = await r.json().catch(() => ({}));
        const first = (j.diagnostics || []).filter((d) => d.severity === 'error').slice(0, 3).map((d) => h('li', null, d.message_vi));
        const reasons = (lastAnswer && lastAnswer.evaluation && !lastAnswer.evaluation.granted ? lastAnswer.evaluation.reasons || [] : []).slice(0, 3).map((t) => h('li', null, t));
        status([h('strong', null, 'Chưa lập được ' + label + ': '), j.message || r.statusText, h('ul', null, first.length ? first : reasons)], 'diag error');
        return;
      }
      const blob = await r.blob();
      const name = filenameOf(r, documentId ? documentId + '.' + format : 'ho-so.zip');
      saveBlob(blob, name);
      status('Đã tải ' + name + ' (' + Math.round(blob.size / 1024) + ' KB). ', 'ok');
    } catch (e) {
      status('Không kết nối được với hoso serve: ' + e.message, 'diag error');
    }
  }
  // "mau01-to-trinh" → "Mẫu 01" (the template ids carry the official form number)
  const formNumber = (id) => { const m = /^mau(\d+)/.exec(id || ''); return m ? 'Mẫu ' + m[1] : ''; };
  function renderDownloads() {
    const box = $('#downloads');
    const body = h('tbody');
    for (const d of form.dossier || []) {
      const name = d.name || d.id;
      const no = formNumber(d.id);
      const label = (no ? no + ' ' : '') + name;
      body.append(h('tr', null, h('th', { scope: 'row' }, no), h('td', null, name),
        h('td', { class: 'act' },
          h('button', { type: 'button', id: 'dl-' + d.id + '-pdf', 'aria-label': 'Tải ' + label + ' dạng PDF', onclick: () => render('pdf', d.id, label + ' (PDF)') }, 'PDF'), ' ',
          h('button', { type: 'button', id: 'dl-' + d.id + '-docx', 'aria-label': 'Tải ' + label + ' dạng DOCX', onclick: () => render('docx', d.id, label + ' (DOCX)') }, 'DOCX'))));
    }
    box.replaceChildren(h('table', { class: 'dossier' }, body),
      h('p', null, h('button', { type: 'button', class: 'primary', id: 'dl-zip', onclick: () => render('zip', null, 'bộ hồ sơ (ZIP)') },
        'Tải cả bộ hồ sơ (ZIP: PDF và DOCX) ', h('span', { class: 'en', lang: 'en' }, 'all, ZIP'))));
  }

  // ─── data file: save, open ───
  async function saveXml() {
    try {
      const r = await postJson('/api/xml', stateToSend());
      if (!r.ok) { const j = await r.json().catch(() => ({})); throw new Error(j.message || r.statusText); }
      const blob = await r.blob();
      saveBlob(blob, filenameOf(r, form.id + '.xml'));
      status('Đã lưu tệp số liệu ' + filenameOf(r, form.id + '.xml') + '. Mở lại bằng "Mở tệp…", hoặc dùng: hoso dossier <tệp> -o <thư mục>.', 'ok');
    } catch (e) {
      status('Không lưu được: ' + e.message, 'diag error');
    }
  }
  async function openXml(file) {
    const text = await file.text();
    let answer;
    try {
      const r = await fetch('/api/state', { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: text });
      answer = await r.json();
      if (!r.ok) throw new Error(answer.message || r.statusText);
    } catch (e) {
      renderBanners([h('div', { class: 'banner error', role: 'alert' }, 'Không mở được tệp ' + file.name + ': ' + e.message)]);
      return;
    }
    const problems = (answer.diagnostics || []).filter((d) => d.severity === 'error');
    if (!answer.state || !forms.some((f) => f.id === answer.state.form)) {
      renderBanners([h('div', { class: 'banner error', role: 'alert' }, 'Không mở được tệp ' + file.name + '; trang giữ nguyên số liệu đang nhập. ',
        en('The file cannot be opened; the page keeps its data.'),
        h('ul', null, problems.map((d) => h('li', null, (d.line ? 'dòng ' + d.line + ': ' : '') + d.message_vi, ' ', en(d.message_en || '')))))]);
      return;
    }
    await loadForm(answer.state.form, answer.state);
    showAll = true; markDiagnostics();
    const note = h('div', { class: 'banner info', role: 'status' }, 'Đã mở tệp ' + file.name + '.',
      problems.length ? h('ul', null, problems.slice(0, 8).map((d) => h('li', null, (d.line ? 'dòng ' + d.line + ': ' : '') + d.message_vi))) : null);
    renderBanners([note]);
  }

  async function loadForm(id, withState) {
    form = await api('/api/forms/' + encodeURIComponent(id));
    state = withState || await api('/api/forms/' + encodeURIComponent(id) + '/new');
    lastAnswer = null; sent = null;
    touched.clear(); showAll = !!withState; dirty = !!withState;
    $('#form-select').value = id;
    if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
    renderAll();
    await evaluate();
  }

  async function start() {
    try {
      forms = (await api('/api/forms')).forms;
    } catch (e) {
      $('#sections').replaceChildren(h('div', { class: 'banner error', role: 'alert' },
        'Không kết nối được với hoso serve. Chạy: hoso serve, rồi mở lại trang này. ', en('Cannot reach hoso serve: ' + e.message)));
      return;
    }
    const sel = $('#form-select');
    for (const f of forms) sel.append(h('option', { value: f.id, text: f.id + ' — ' + f.title, title: f.circular }));
    sel.addEventListener('change', async () => {
      if (state && dirty && !confirm('Chuyển sang bộ tiêu chí ' + sel.value + '? Số liệu đang nhập sẽ bị thay bằng một đơn vị mới.')) {
        sel.value = form.id; return;
      }
      await loadForm(sel.value);
    });
    $('#open-button').addEventListener('click', () => $('#open-file').click());
    $('#open-file').addEventListener('change', (e) => { const f = e.target.files[0]; e.target.value = ''; if (f) openXml(f); });
    $('#save-button').addEventListener('click', saveXml);
    $('#new-button').addEventListener('click', async () => {
      if (confirm('Bắt đầu một đơn vị mới? Số liệu đang nhập trên trang sẽ bị xóa (tệp đã lưu không bị ảnh hưởng).')) {
        localStorage.removeItem(STORE);
        await loadForm(form.id);
      }
    });
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); saveXml(); }
    });
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { saved = null; }
    const wanted = location.hash.slice(1);
    if (saved && saved.state && forms.some((f) => f.id === saved.form) && (!wanted || wanted === saved.form)) {
      await loadForm(saved.form, saved.state);
      renderBanners([h('div', { class: 'banner info', role: 'status' },
        'Đã mở lại bản đang làm dở lưu trong trình duyệt. Bấm "Làm mới" để bắt đầu đơn vị khác. ', en('Restored the work in progress.'))]);
    } else {
      await loadForm(forms.some((f) => f.id === wanted) ? wanted : forms[0].id);
    }
  }

  start();
})();
