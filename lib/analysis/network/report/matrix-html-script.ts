/**
 * The script of the HTML matrix page (render-matrix.ts `renderMatrixHtml`), inlined so the page needs no network.
 * Two parts: `MatrixView`, pure decoding of the embedded data (run by the tests in a `vm` context), and the view,
 * which runs only where there is a `document`. Every text from the manifests reaches the page through `textContent`
 * or the canvas, never through HTML parsing. Plain ES2017, no template literals (this is a TS template string).
 */
export const MATRIX_VIEW_SCRIPT = String.raw`
var MatrixView = (function () {
  'use strict';
  function bytes(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function u32(b64) {
    var b = bytes(b64), dv = new DataView(b.buffer), out = new Uint32Array(b.length >> 2);
    for (var k = 0; k < out.length; k++) out[k] = dv.getUint32(k * 4, true);
    return out;
  }
  /** Decodes the page data: per port the distinct rows (bitsets) and each endpoint's row, and the traced cells. */
  function decode(D) {
    return {
      n: D.ids.length,
      rowBytes: D.rowBytes,
      grids: D.grids.map(function (g) { return { rows: bytes(g.rows), index: u32(g.index) }; }),
      traced: D.traced.map(function (t) { return { keys: u32(t.keys), text: u32(t.text) }; }),
      texts: D.texts
    };
  }
  /** 1 when from i to j on port p is allowed (0 denied, or an endpoint to itself). */
  function allowedAt(M, p, i, j) {
    var g = M.grids[p];
    return (g.rows[g.index[i] * M.rowBytes + (j >> 3)] >> (j & 7)) & 1;
  }
  /** The embedded "reason\nstep\nstep" of a cell, or null when the page does not carry it. */
  function traceAt(M, p, i, j) {
    var t = M.traced[p], key = i * M.n + j, lo = 0, hi = t.keys.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, k = t.keys[mid];
      if (k === key) return M.texts[t.text[mid]];
      if (k < key) lo = mid + 1; else hi = mid - 1;
    }
    return null;
  }
  return { decode: decode, allowedAt: allowedAt, traceAt: traceAt };
})();

if (typeof document !== 'undefined') (function () {
  'use strict';
  var D = JSON.parse(document.getElementById('matrix-data').textContent);
  var M = MatrixView.decode(D), n = D.ids.length;
  var $ = function (id) { return document.getElementById(id); };
  var ROW_H = 16, EP_W = 16, GROUP_W = 64, HEAD_W = 280, HEAD_H = 150;
  var st = { port: 0, text: '', ns: -1, app: -1, show: 'all', axis: 'both', expanded: new Set(), sel: null };

  // The tree: namespace -> application -> endpoints, in name order.
  var tree = [], byNs = new Map();
  for (var i = 0; i < n; i++) {
    var ns = D.ns[i], app = D.app[i];
    if (!byNs.has(ns)) byNs.set(ns, new Map());
    var apps = byNs.get(ns);
    if (!apps.has(app)) apps.set(app, []);
    apps.get(app).push(i);
  }
  var cmp = function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; };
  Array.from(byNs.keys()).map(function (k) { return [D.nsNames[k], k]; }).sort(cmp).forEach(function (e) {
    var apps = byNs.get(e[1]);
    var kids = Array.from(apps.keys()).map(function (k) { return [D.appNames[k], k]; }).sort(cmp).map(function (a) {
      return { kind: 1, key: 'a' + e[1] + ':' + a[1], label: a[0], depth: 1, all: apps.get(a[1]) };
    });
    tree.push({ kind: 0, key: 'n' + e[1], label: e[0], depth: 0, kids: kids });
  });
  function expandAll() {
    tree.forEach(function (t) {
      st.expanded.add(t.key);
      t.kids.forEach(function (k) { st.expanded.add(k.key); });
    });
  }
  if (n <= 150) expandAll();

  function fill(sel, names, all) {
    sel.add(new Option(all, '-1'));
    names.map(function (s, k) { return [s, k]; }).sort(cmp).forEach(function (e) {
      sel.add(new Option(e[0], String(e[1])));
    });
  }
  D.ports.forEach(function (p, k) { $('port').add(new Option(p, String(k))); });
  fill($('ns'), D.nsNames, 'every namespace');
  fill($('app'), D.appNames, 'every app');

  var rowInc, colInc, rows, cols, colX, cache;
  function matches(i) {
    return (st.ns < 0 || D.ns[i] === st.ns) && (st.app < 0 || D.app[i] === st.app) &&
      (st.text === '' || D.ids[i].toLowerCase().indexOf(st.text) >= 0);
  }
  function self(i, j) { return i === j || D.ids[i] === D.ids[j]; }
  function axis(inc) {
    var items = [];
    tree.forEach(function (t) {
      var groups = [], total = [];
      t.kids.forEach(function (a) {
        var m = a.all.filter(function (e) { return inc[e]; });
        if (!m.length) return;
        groups.push({ kind: 1, key: a.key, label: a.label, depth: 1, members: m });
        total = total.concat(m);
      });
      if (!total.length) return;
      items.push({ kind: 0, key: t.key, label: t.label, depth: 0, members: total });
      if (!st.expanded.has(t.key)) return;
      groups.forEach(function (g) {
        items.push(g);
        if (st.expanded.has(g.key)) g.members.forEach(function (e) {
          items.push({ kind: 2, key: 'e' + e, label: D.ids[e], depth: 2, members: [e], ep: e });
        });
      });
    });
    return items;
  }
  function rebuild() {
    var want = st.show === 'allowed' ? 1 : 0, p = st.port;
    var m = new Uint8Array(n);
    for (var i = 0; i < n; i++) m[i] = matches(i) ? 1 : 0;
    rowInc = st.axis === 'cols' ? new Uint8Array(n).fill(1) : m.slice();
    colInc = st.axis === 'rows' ? new Uint8Array(n).fill(1) : m.slice();
    if (st.show !== 'all') {
      var rowHas = new Uint8Array(n), colHas = new Uint8Array(n);
      for (var r = 0; r < n; r++) {
        if (!rowInc[r]) continue;
        for (var c = 0; c < n; c++) {
          if (colInc[c] && !self(r, c) && MatrixView.allowedAt(M, p, r, c) === want) { rowHas[r] = 1; colHas[c] = 1; }
        }
      }
      rowInc = rowHas; colInc = colHas;
    }
    rows = axis(rowInc); cols = axis(colInc);
    colX = new Float64Array(cols.length + 1);
    for (var k = 0; k < cols.length; k++) colX[k + 1] = colX[k] + (cols[k].kind === 2 ? EP_W : GROUP_W);
    cache = new Map();
    $('spacer').style.width = HEAD_W + colX[cols.length] + 'px';
    $('spacer').style.height = HEAD_H + rows.length * ROW_H + 'px';
    $('count').textContent = rows.length + ' rows x ' + cols.length + ' columns shown';
    draw();
  }
  function summary(r, c) {
    var key = r.key + '|' + c.key, s = cache.get(key);
    if (s) return s;
    var a = 0, t = 0;
    for (var x = 0; x < r.members.length; x++) {
      for (var y = 0; y < c.members.length; y++) {
        var i = r.members[x], j = c.members[y];
        if (self(i, j)) continue;
        t++; a += MatrixView.allowedAt(M, st.port, i, j);
      }
    }
    s = { a: a, t: t };
    cache.set(key, s);
    return s;
  }
  function mix(f) {
    return 'rgb(' + Math.round(246 - 46 * f) + ',' + Math.round(198 + 41 * f) + ',' + Math.round(198 + 2 * f) + ')';
  }
  var cv = $('cv'), sc = $('scroller'), ctx = cv.getContext('2d');
  function draw() {
    var dpr = window.devicePixelRatio || 1, W = sc.clientWidth, H = sc.clientHeight;
    if (cv.width !== W * dpr || cv.height !== H * dpr) {
      cv.width = W * dpr; cv.height = H * dpr; cv.style.width = W + 'px'; cv.style.height = H + 'px';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.font = '11px system-ui, sans-serif'; ctx.textBaseline = 'middle';
    var sx = sc.scrollLeft, sy = sc.scrollTop, want = st.show === 'allowed' ? 1 : 0;
    var r0 = Math.max(0, Math.floor(sy / ROW_H)), r1 = Math.min(rows.length, Math.ceil((sy + H - HEAD_H) / ROW_H) + 1);
    var c0 = 0;
    while (c0 < cols.length && colX[c0 + 1] < sx) c0++;
    for (var r = r0; r < r1; r++) {
      var y = HEAD_H + r * ROW_H - sy, ri = rows[r];
      for (var c = c0; c < cols.length; c++) {
        var x = HEAD_W + colX[c] - sx, ci = cols[c], w = colX[c + 1] - colX[c];
        if (x > W) break;
        if (ri.kind === 2 && ci.kind === 2) {
          if (self(ri.ep, ci.ep)) ctx.fillStyle = '#e6e6e6';
          else {
            var a = MatrixView.allowedAt(M, st.port, ri.ep, ci.ep);
            ctx.fillStyle = st.show !== 'all' && a !== want ? '#fafafa' : a ? '#8fd18f' : '#ec9a9a';
          }
          ctx.fillRect(x, y, w - 1, ROW_H - 1);
        } else {
          var s = summary(ri, ci);
          ctx.fillStyle = s.t ? mix(s.a / s.t) : '#e6e6e6';
          ctx.fillRect(x, y, w - 1, ROW_H - 1);
          if (w === GROUP_W && s.t) {
            ctx.fillStyle = '#222';
            ctx.fillText(s.a + '/' + s.t, x + 3, y + ROW_H / 2, w - 5);
          }
        }
      }
    }
    ctx.fillStyle = '#f4f4f4'; ctx.fillRect(0, HEAD_H, HEAD_W, H);
    ctx.fillStyle = '#222';
    for (var r2 = r0; r2 < r1; r2++) {
      var it = rows[r2], yy = HEAD_H + r2 * ROW_H - sy + ROW_H / 2;
      ctx.font = (it.kind === 2 ? '' : 'bold ') + '11px system-ui, sans-serif';
      ctx.fillText(label(it), 4 + it.depth * 14, yy, HEAD_W - 8 - it.depth * 14);
    }
    ctx.fillStyle = '#f4f4f4'; ctx.fillRect(0, 0, W, HEAD_H);
    ctx.fillStyle = '#222';
    for (var c2 = c0; c2 < cols.length; c2++) {
      var cx = HEAD_W + colX[c2] - sx, ci2 = cols[c2];
      if (cx > W) break;
      ctx.save(); ctx.translate(cx + 8, HEAD_H - 4); ctx.rotate(-Math.PI / 2);
      ctx.font = (ci2.kind === 2 ? '' : 'bold ') + '11px system-ui, sans-serif';
      ctx.fillText(label(ci2), ci2.depth * 10, 0, HEAD_H - 8 - ci2.depth * 10);
      ctx.restore();
    }
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, HEAD_W, HEAD_H);
    ctx.fillStyle = '#222'; ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('from \\ to   ' + D.ports[st.port], 6, HEAD_H - 10);
  }
  function label(it) {
    if (it.kind === 2) return it.label;
    return (st.expanded.has(it.key) ? '\u25be ' : '\u25b8 ') + it.label + ' (' + it.members.length + ')';
  }
  function hit(e) {
    var rect = sc.getBoundingClientRect(), x = e.clientX - rect.left, y = e.clientY - rect.top;
    var r = y < HEAD_H ? -1 : Math.floor((y - HEAD_H + sc.scrollTop) / ROW_H), c = -1;
    if (x >= HEAD_W) {
      var px = x - HEAD_W + sc.scrollLeft, lo = 0, hi = cols.length - 1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (colX[mid + 1] <= px) lo = mid + 1;
        else if (colX[mid] > px) hi = mid - 1;
        else { c = mid; break; }
      }
    }
    return {
      row: r >= 0 && r < rows.length ? rows[r] : null, col: c >= 0 ? cols[c] : null,
      inRowHead: x < HEAD_W, inColHead: y < HEAD_H
    };
  }
  function toggle(it) {
    if (!it || it.kind === 2) return;
    if (st.expanded.has(it.key)) st.expanded.delete(it.key); else st.expanded.add(it.key);
    rebuild();
  }
  function q(s) { return /^[A-Za-z0-9._\/:-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }
  function verdict(a) { return a ? 'allowed' : 'denied'; }
  /** An embedded trace among these pairs with this verdict, scanning at most 200,000 pairs. */
  function example(rm, cm, a) {
    var budget = 200000;
    for (var x = 0; x < rm.length; x++) {
      for (var y = 0; y < cm.length; y++) {
        if (--budget < 0) return null;
        var i = rm[x], j = cm[y];
        if (self(i, j) || MatrixView.allowedAt(M, st.port, i, j) !== a) continue;
        var t = MatrixView.traceAt(M, st.port, i, j);
        if (t !== null) return { i: i, j: j, text: t };
      }
    }
    return null;
  }
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function showTrace(box, text) {
    var lines = text.split('\n');
    add(box, 'p', 'reason: ' + lines[0]);
    var ol = add(box, 'ol');
    lines.slice(1).forEach(function (l) { add(ol, 'li', l); });
  }
  function command(i, j) {
    return D.explain + ' --from ' + q(D.ids[i]) + ' --to ' + q(D.ids[j]) + ' --port ' + D.ports[st.port];
  }
  function groupOf(i, level) {
    var out = [];
    for (var k = 0; k < n; k++) if (D.ns[k] === D.ns[i] && (level === 0 || D.app[k] === D.app[i])) out.push(k);
    return out;
  }
  function showExample(box, rm, cm, a, what) {
    var ex = example(rm, cm, a);
    if (!ex) return false;
    add(box, 'h3', 'example ' + what + ': ' + D.ids[ex.i] + ' \u2192 ' + D.ids[ex.j] + ' (' + verdict(a) + ')');
    showTrace(box, ex.text);
    return true;
  }
  function details(r, c) {
    var box = $('details');
    box.textContent = '';
    if (r.kind === 2 && c.kind === 2) {
      var i = r.ep, j = c.ep;
      if (self(i, j)) { add(box, 'h2', D.ids[i] + ' to itself is not evaluated'); return; }
      var a = MatrixView.allowedAt(M, st.port, i, j);
      var head = D.ids[i] + ' \u2192 ' + D.ids[j] + ' ' + D.ports[st.port] + ': ' + verdict(a).toUpperCase();
      add(box, 'h2', head, a ? 'allow' : 'deny');
      var t = MatrixView.traceAt(M, st.port, i, j);
      if (t !== null) { showTrace(box, t); return; }
      add(box, 'p', 'This page carries the traces of ' + D.tracedCount + ' of ' + D.cellCount +
        ' cells. For this one, run:');
      add(box, 'pre', command(i, j));
      showExample(box, groupOf(i, 1), groupOf(j, 1), a, 'from the same applications') ||
        showExample(box, groupOf(i, 0), groupOf(j, 0), a, 'from the same namespaces');
      return;
    }
    var s = summary(r, c);
    add(box, 'h2', r.label + ' \u2192 ' + c.label + ' ' + D.ports[st.port] + ': ' + s.a + '/' + s.t + ' allowed');
    if (s.a) showExample(box, r.members, c.members, 1, 'allowed');
    if (s.a < s.t) showExample(box, r.members, c.members, 0, 'denied');
  }
  sc.addEventListener('scroll', function () { window.requestAnimationFrame(draw); });
  window.addEventListener('resize', draw);
  sc.addEventListener('click', function (e) {
    var h = hit(e);
    if (h.inRowHead && h.row) toggle(h.row);
    else if (h.inColHead && h.col) toggle(h.col);
    else if (h.row && h.col) details(h.row, h.col);
  });
  sc.addEventListener('mousemove', function (e) {
    var h = hit(e), out = '';
    if (h.row && h.col && !h.inRowHead && !h.inColHead) {
      if (h.row.kind === 2 && h.col.kind === 2) {
        out = self(h.row.ep, h.col.ep) ? 'self' : h.row.label + ' \u2192 ' + h.col.label + ': ' +
          verdict(MatrixView.allowedAt(M, st.port, h.row.ep, h.col.ep));
      } else {
        var s = summary(h.row, h.col);
        out = h.row.label + ' \u2192 ' + h.col.label + ': ' + s.a + '/' + s.t + ' allowed';
      }
    } else if (h.row && h.inRowHead) out = h.row.label;
    else if (h.col && h.inColHead) out = h.col.label;
    $('hover').textContent = out;
  });
  function on(id, ev, f) { $(id).addEventListener(ev, function (e) { f(e.target.value); rebuild(); }); }
  on('port', 'change', function (v) { st.port = Number(v); });
  on('filter', 'input', function (v) { st.text = v.trim().toLowerCase(); });
  on('ns', 'change', function (v) { st.ns = Number(v); });
  on('app', 'change', function (v) { st.app = Number(v); });
  on('show', 'change', function (v) { st.show = v; });
  on('axis', 'change', function (v) { st.axis = v; });
  $('expand').addEventListener('click', function () { expandAll(); rebuild(); });
  $('collapse').addEventListener('click', function () { st.expanded.clear(); rebuild(); });
  rebuild();
})();
`;
