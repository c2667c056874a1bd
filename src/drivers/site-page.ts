/**
 * `driver/site/index.html`: the page people reach from Falco's docs and Helm chart
 * (`index.html?lib=<driverversion>&target=…&arch=…&kind=…&search=…`). It reads `index.json` and
 * `<driverversion>.json` beside it and filters them in the browser. Self-contained (no CDN, no
 * library): it must work from any bucket, offline mirror or air-gapped copy. The same text for
 * every publish, so it is only written when it differs from the stored one.
 */
export const SITE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Falco prebuilt drivers</title>
<style>
  :root { --fg: #1d2530; --muted: #5b6675; --line: #dde3ea; --accent: #00a3b4; --bg: #f7f9fb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
  header { padding: 16px 24px; border-bottom: 1px solid var(--line); display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 20px; margin: 0; }
  header .date { color: var(--muted); margin-left: auto; }
  main { padding: 12px 24px 40px; }
  .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .row > span.label { width: 64px; color: var(--muted); }
  button.chip { border: 1px solid var(--line); background: var(--bg); border-radius: 14px; padding: 3px 11px; cursor: pointer; font: inherit; color: inherit; }
  button.chip[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
  select, input[type=search] { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
  input[type=search] { width: 380px; max-width: 100%; }
  #count { color: var(--muted); margin: 10px 0 6px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th { background: var(--bg); position: sticky; top: 0; }
  td.name { white-space: normal; word-break: break-all; font-family: ui-monospace, monospace; font-size: 12.5px; }
  .badge { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 12px; }
  .kmod { background: #e07b13; } .ebpf { background: #1c5ef5; } .x86_64 { background: #5d00f2; } .aarch64 { background: #0b912f; }
  .error { color: #b00020; }
  a { color: #0a66c2; }
</style>
</head>
<body>
<header><h1>Falco prebuilt drivers</h1><label>Driver version <select id="lib"></select></label><span class="date" id="date"></span></header>
<main>
  <div class="row" id="arch"><span class="label">Arch</span></div>
  <div class="row" id="kind"><span class="label">Kind</span></div>
  <div class="row" id="target"><span class="label">Target</span></div>
  <div class="row"><span class="label">Kernel</span><input type="search" id="search" placeholder="your kernel release: run uname -r"></div>
  <p id="count"></p>
  <table>
    <thead><tr><th>Target</th><th>Arch</th><th>Kind</th><th>Kernel</th><th>File</th><th>Size</th><th>Last modified</th><th>Verify</th></tr></thead>
    <tbody id="drivers"></tbody>
  </table>
</main>
<script>
(function () {
  'use strict';
  var MAX_ROWS = 1000;
  var FILTERS = ['arch', 'kind', 'target'];
  var params = new URLSearchParams(window.location.search);
  var data = null;

  function el(tag, props, children) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') e.textContent = props[k]; else e.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function param(name) { var v = params.get(name); return v === null || v === '' ? 'all' : v; }
  function keepUrl() { window.history.replaceState(null, '', '?' + params.toString()); }
  function fail(message) {
    document.getElementById('count').replaceChildren(el('span', { 'class': 'error', text: message }));
  }
  function getJson(file) {
    return fetch(file).then(function (r) {
      if (!r.ok) throw new Error(file + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function chips(name, values) {
    var row = document.getElementById(name);
    row.querySelectorAll('button').forEach(function (b) { b.remove(); });
    ['all'].concat(values).forEach(function (v) {
      var b = el('button', { type: 'button', 'class': 'chip', 'data-value': v, 'aria-pressed': String(param(name) === v), text: v });
      b.addEventListener('click', function () {
        if (v === 'all') params.delete(name); else params.set(name, v);
        keepUrl(); chips(name, values); render();
      });
      row.appendChild(b);
    });
  }

  function render() {
    var search = (params.get('search') || '').trim().toLowerCase();
    var rows = data.drivers.filter(function (d) {
      for (var i = 0; i < FILTERS.length; i++) {
        var f = FILTERS[i];
        if (param(f) !== 'all' && d[f] !== param(f)) return false;
      }
      return search === '' || d.kernel.toLowerCase().indexOf(search) >= 0 || d.name.toLowerCase().indexOf(search) >= 0;
    });
    var body = document.getElementById('drivers');
    body.replaceChildren.apply(body, rows.slice(0, MAX_ROWS).map(function (d) {
      var verify = [];
      if (d.signature) verify.push(el('a', { href: d.signature, text: '.asc' }));
      if (d.sha256) verify.push(el('a', { href: d.download + '.sha256', title: d.sha256, text: 'sha256' }));
      verify.forEach(function (a, i) { if (i > 0) a.style.marginLeft = '8px'; });
      return el('tr', { 'data-name': d.name }, [
        el('td', { text: d.target }),
        el('td', {}, [el('span', { 'class': 'badge ' + d.arch, text: d.arch })]),
        el('td', {}, [el('span', { 'class': 'badge ' + d.kind, text: d.kind })]),
        el('td', { text: d.kernel }),
        el('td', { 'class': 'name' }, [el('a', { href: d.download, download: d.name, text: d.name })]),
        el('td', { text: d.size }),
        el('td', { text: d.lastmodified.slice(0, 10) }),
        el('td', {}, verify)
      ]);
    }));
    var count = document.getElementById('count');
    count.setAttribute('data-matches', String(rows.length));
    count.textContent = rows.length + ' of ' + data.drivers.length + ' drivers match' +
      (rows.length > MAX_ROWS ? ' (showing the first ' + MAX_ROWS + ': narrow the filters)' : '');
  }

  getJson('index.json').then(function (libs) {
    if (!Array.isArray(libs) || libs.length === 0) throw new Error('index.json lists no driver versions');
    var lib = params.get('lib') || libs[0];
    var select = document.getElementById('lib');
    (libs.indexOf(lib) < 0 ? [lib].concat(libs) : libs).forEach(function (l) {
      select.appendChild(el('option', l === lib ? { value: l, text: l, selected: '' } : { value: l, text: l }));
    });
    select.addEventListener('change', function () { params.set('lib', select.value); keepUrl(); window.location.reload(); });
    var search = document.getElementById('search');
    search.value = params.get('search') || '';
    search.addEventListener('input', function () {
      if (search.value === '') params.delete('search'); else params.set('search', search.value);
      keepUrl(); if (data) render();
    });
    return getJson(encodeURIComponent(lib) + '.json').catch(function () {
      throw new Error('no drivers are published for driver version ' + lib + ': pick another one above');
    });
  }).then(function (json) {
    data = json;
    document.getElementById('date').textContent = 'Updated ' + data.date;
    FILTERS.forEach(function (f) { chips(f, data.index[f] || []); });
    render();
  }).catch(function (e) { fail('Cannot load the driver list: ' + e.message); });
})();
</script>
</body>
</html>
`
