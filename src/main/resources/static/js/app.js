// Atrium dashboard behaviour. No inline scripts anywhere (the Content-Security-Policy forbids them): pages
// describe charts in data-* attributes and this file draws them, also after every htmx swap.
(function () {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  window.atrium = window.atrium || {};
  window.atrium.csrf = function () {
    return { header: meta('csrf-header'), token: meta('csrf-token') };
  };
  window.atrium.chartRenders = 0;

  var palette = ['#3355d1', '#16865a', '#c27c0e', '#c33b3b', '#8a4fd1', '#0f8ea1'];

  function config(canvas) {
    var kind = canvas.getAttribute('data-chart');
    var data = JSON.parse(canvas.getAttribute('data-values') || '{}');
    var common = { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'bottom' } } };
    if (kind === 'series') {
      return { type: 'line', data: { labels: data.labels, datasets: [
        { label: canvas.getAttribute('data-label-revenue'), data: data.revenue, borderColor: palette[0],
          backgroundColor: 'rgba(51,85,209,.12)', fill: true, tension: .25, yAxisID: 'y' },
        { label: canvas.getAttribute('data-label-visits'), data: data.visits, borderColor: palette[1],
          tension: .25, yAxisID: 'y1' }] },
        options: Object.assign({}, common, { interaction: { mode: 'index', intersect: false },
          scales: { y: { position: 'left', beginAtZero: true }, y1: { position: 'right', beginAtZero: true,
            grid: { drawOnChartArea: false } } } }) };
    }
    if (kind === 'funnel' || kind === 'bars') {
      return { type: 'bar', data: { labels: data.labels, datasets: [{ label: canvas.getAttribute('data-label'),
        data: data.values, backgroundColor: palette[0], borderRadius: 4 }] },
        options: Object.assign({}, common, { indexAxis: kind === 'funnel' ? 'y' : 'x',
          plugins: { legend: { display: false } } }) };
    }
    if (kind === 'churn') {
      return { type: 'doughnut', data: { labels: data.labels, datasets: [{ data: data.values,
        backgroundColor: [palette[1], palette[2], palette[3]] }] }, options: common };
    }
    if (kind === 'assistant') {
      // the assistant's chart spec: {type: bar|line|pie, labels, series: [{name, values}]}
      var type = data.type === 'pie' ? 'doughnut' : (data.type === 'line' ? 'line' : 'bar');
      var datasets = (data.series || []).map(function (s, i) {
        var color = type === 'doughnut' ? palette : palette[i % palette.length];
        return { label: s.name, data: s.values, borderColor: color, backgroundColor: color, tension: .25 };
      });
      return { type: type, data: { labels: data.labels, datasets: datasets }, options: common };
    }
    if (kind === 'line') {
      return { type: 'line', data: { labels: data.labels, datasets: [{ label: canvas.getAttribute('data-label'),
        data: data.values, borderColor: palette[0], tension: .25 }] },
        options: Object.assign({}, common, { plugins: { legend: { display: false } } }) };
    }
    return null;
  }

  function renderCharts(root) {
    if (typeof Chart === 'undefined') { return; }
    (root || document).querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var existing = Chart.getChart(canvas);
      if (existing) { existing.destroy(); }
      var c = config(canvas);
      if (c) { new Chart(canvas, c); window.atrium.chartRenders++; }
    });
  }

  function confirmForms(root) {
    (root || document).querySelectorAll('form[data-confirm]').forEach(function (form) {
      if (form.dataset.confirmBound) { return; }
      form.dataset.confirmBound = '1';
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });
  }

  // segment rule builder: each condition row shows the fields of its kind
  function syncConditions(root) {
    (root || document).querySelectorAll('[data-condition]').forEach(function (row) {
      var kind = row.querySelector('[data-kind]').value;
      row.querySelectorAll('[data-kinds]').forEach(function (part) {
        part.hidden = part.getAttribute('data-kinds').split(' ').indexOf(kind) < 0;
      });
    });
  }
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('[data-kind]')) { syncConditions(event.target.closest('[data-condition]').parentNode); }
  });
  document.addEventListener('click', function (event) {
    var remove = event.target.closest && event.target.closest('[data-remove-condition]');
    if (!remove) { return; }
    var form = remove.closest('form');
    var rows = form.querySelectorAll('[data-condition]');
    if (rows.length > 1) { remove.closest('[data-condition]').remove(); }
    if (window.htmx) { window.htmx.trigger(form, 'change'); }
  });

  document.addEventListener('htmx:configRequest', function (event) {
    var csrf = window.atrium.csrf();
    if (csrf.header && csrf.token) { event.detail.headers[csrf.header] = csrf.token; }
  });
  // the assistant's question box empties itself once the answer arrived
  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form && form.getAttribute && form.getAttribute('data-reset-after')) {
      var field = form.querySelector('[name="' + form.getAttribute('data-reset-after') + '"]');
      if (field) { field.value = ''; field.focus(); }
    }
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    renderCharts(event.detail.target);
    confirmForms(event.detail.target);
    syncConditions(document);
    if (event.detail.target.id === 'conditions' && window.htmx) {
      window.htmx.trigger(event.detail.target.closest('form'), 'change');
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    renderCharts(document);
    confirmForms(document);
    syncConditions(document);
  });
})();
