// The page's own script (plain ES2017, no dependencies besides the inlined Chart.js). It draws the charts from the
// embedded data and runs the inventory table. It builds rows with textContent only: report strings never become markup.

/** Client script of the HTML report; inlined after Chart.js and allowed by hash in the Content-Security-Policy. */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var dataNode = document.getElementById('pkimm-data');
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent || '{}');

  function chartConfig(spec) {
    var horizontal = !!spec.horizontal;
    var valueAxis = { beginAtZero: true, stacked: !!spec.stacked, title: { display: !!spec.valueTitle, text: spec.valueTitle || '' } };
    if (typeof spec.min === 'number') valueAxis.min = spec.min;
    if (typeof spec.max === 'number') valueAxis.max = spec.max;
    if (spec.integer) valueAxis.ticks = { precision: 0 };
    var categoryAxis = { stacked: !!spec.stacked, ticks: { autoSkip: !horizontal } };
    return {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color, borderWidth: spec.type === 'line' ? 2 : 0, pointRadius: 3, spanGaps: true };
        })
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: { legend: { display: spec.datasets.length > 1, position: 'bottom' } }
      }
    };
  }

  var charts = [];
  if (typeof Chart !== 'undefined' && data.charts) {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#1f2328';
    Object.keys(data.charts).forEach(function (id) {
      var canvas = document.getElementById(id);
      if (canvas) charts.push(new Chart(canvas, chartConfig(data.charts[id])));
    });
    var resizeAll = function () { charts.forEach(function (c) { c.resize(); }); };
    window.addEventListener('beforeprint', resizeAll);
    window.addEventListener('afterprint', resizeAll);
    if (window.matchMedia) {
      var print = window.matchMedia('print');
      if (print.addEventListener) print.addEventListener('change', resizeAll);
    }
  }

  var root = document.getElementById('inventory');
  if (root && Array.isArray(data.inventory)) inventory(root, data.inventory);

  function inventory(root, rows) {
    var PAGE_SIZE = 100;
    var COLUMN = { subject: 0, issuer: 2, expires: 3, key: 5, signature: 6, source: 7, role: 8 };
    var filter = document.getElementById('inventory-filter');
    var expiry = document.getElementById('inventory-expiry');
    var body = document.getElementById('inventory-rows');
    var status = document.getElementById('inventory-status');
    var pageInfo = document.getElementById('inventory-page');
    var prev = document.getElementById('inventory-prev');
    var next = document.getElementById('inventory-next');
    var headers = root.querySelectorAll('th[data-key]');
    var haystack = rows.map(function (r) { return [r[0], r[1], r[2], r[5], r[6], r[7], r[8]].join('\n').toLowerCase(); });
    var order = rows.map(function (_, i) { return i; });
    var view = order.slice();
    var page = 0;
    var sortKey = 'expires';
    var sortDirection = 1;
    var timer = 0;

    function group(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f'); }

    function expiryMatches(days, wanted) {
      if (wanted === 'all') return true;
      if (days === null) return false;
      if (wanted === 'expired') return days < 0;
      if (wanted === 'valid') return days >= 0;
      return days >= 0 && days <= Number(wanted);
    }

    function apply() {
      var terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = expiry.value;
      view = order.filter(function (i) {
        if (!expiryMatches(rows[i][4], wanted)) return false;
        for (var t = 0; t < terms.length; t++) if (haystack[i].indexOf(terms[t]) < 0) return false;
        return true;
      });
      page = 0;
      draw();
    }

    function sortBy(key) {
      if (key === sortKey) sortDirection = -sortDirection;
      else { sortKey = key; sortDirection = 1; }
      var c = COLUMN[key];
      order.sort(function (a, b) {
        var x = rows[a][c], y = rows[b][c];
        return (x < y ? -1 : x > y ? 1 : 0) * sortDirection || a - b;
      });
      headers.forEach(function (th) {
        th.setAttribute('aria-sort', th.getAttribute('data-key') === sortKey ? (sortDirection > 0 ? 'ascending' : 'descending') : 'none');
      });
      apply();
    }

    function cell(tr, text, className) {
      var td = document.createElement('td');
      td.textContent = text;
      if (className) td.className = className;
      tr.appendChild(td);
      return td;
    }

    function expiryText(r) {
      var days = r[4];
      var date = r[3].slice(0, 10);
      if (days === null) return [date, ''];
      if (days < 0) return [date + ' (expired ' + group(-days) + ' d ago)', 'expiry-expired'];
      if (days <= 30) return [date + ' (in ' + days + ' d)', 'expiry-soon'];
      return [date + ' (in ' + group(days) + ' d)', ''];
    }

    function draw() {
      var pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
      if (page >= pages) page = pages - 1;
      var start = page * PAGE_SIZE;
      var end = Math.min(view.length, start + PAGE_SIZE);
      var fragment = document.createDocumentFragment();
      for (var k = start; k < end; k++) {
        var r = rows[view[k]];
        var tr = document.createElement('tr');
        var th = document.createElement('th');
        th.scope = 'row';
        if (r[9]) {
          var a = document.createElement('a');
          a.href = '#' + r[9];
          a.textContent = r[0] || '(empty subject)';
          th.appendChild(a);
        } else th.textContent = r[0] || '(empty subject)';
        if (r[1]) {
          var sans = document.createElement('span');
          sans.className = 'sans';
          sans.textContent = r[1];
          th.appendChild(sans);
        }
        tr.appendChild(th);
        cell(tr, r[2]);
        var e = expiryText(r);
        cell(tr, e[0], e[1]);
        cell(tr, r[5]);
        cell(tr, r[6]);
        cell(tr, r[7]);
        cell(tr, r[8]);
        fragment.appendChild(tr);
      }
      body.replaceChildren(fragment);
      var filtered = view.length === rows.length ? '' : ' (filtered from ' + group(rows.length) + ')';
      status.textContent = view.length === 0
        ? 'No certificate matches' + filtered + '.'
        : 'Showing certificates ' + group(start + 1) + '–' + group(end) + ' of ' + group(view.length) + filtered + '.';
      pageInfo.textContent = 'Page ' + (page + 1) + ' of ' + pages;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }

    filter.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    expiry.addEventListener('change', apply);
    prev.addEventListener('click', function () { page--; draw(); });
    next.addEventListener('click', function () { page++; draw(); });
    headers.forEach(function (th) {
      var button = th.querySelector('button');
      if (button) button.addEventListener('click', function () { sortBy(th.getAttribute('data-key')); });
    });
    headers.forEach(function (th) { if (th.getAttribute('data-key') === sortKey) th.setAttribute('aria-sort', 'ascending'); });
    draw();
  }
})();
`;
