// The visual workflow builder: a trigger, then steps added from the palette, reordered by drag and drop (or
// the arrow buttons), connected top to bottom. Saving posts the definition in the brief's JSON shape.
(function () {
  'use strict';

  var root, stepsEl, uid = 0;

  function el(id) { return document.getElementById(id); }

  function stepNodes() { return Array.prototype.slice.call(stepsEl.querySelectorAll(':scope > .node')); }

  function addStep(action, config) {
    var tpl = el('tpl-' + action);
    if (!tpl) { return null; }
    var node = tpl.content.firstElementChild.cloneNode(true);
    node.dataset.uid = 'n' + (++uid);
    stepsEl.appendChild(node);
    if (config) { fill(node, action, config); }
    refresh();
    return node;
  }

  // step targets (branch and A/B split) refer to nodes, so reordering keeps them pointing at the same step
  function refresh() {
    var nodes = stepNodes();
    stepsEl.querySelectorAll(':scope > .connector').forEach(function (c) { c.remove(); });
    nodes.forEach(function (node, i) {
      var connector = document.createElement('div');
      connector.className = 'connector';
      stepsEl.insertBefore(connector, node);
      node.querySelector('.step-no').textContent = (i + 1) + '.';
    });
    nodes.forEach(function (node) {
      node.querySelectorAll('select[data-type="step"]').forEach(function (select) {
        var chosen = select.dataset.target || select.value;
        while (select.firstChild) { select.removeChild(select.firstChild); }
        nodes.forEach(function (other, j) {
          if (other === node) { return; }
          var option = document.createElement('option');
          option.value = other.dataset.uid;
          option.textContent = root.dataset.stepLabel.replace('{0}', String(j + 1));
          select.appendChild(option);
        });
        var end = document.createElement('option');
        end.value = 'end';
        end.textContent = root.dataset.endLabel;
        select.appendChild(end);
        select.value = Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })
          ? chosen : 'end';
        select.dataset.target = select.value;
      });
    });
  }

  function indexOf(target) {
    if (target === 'end') { return stepNodes().length; }
    var nodes = stepNodes();
    for (var i = 0; i < nodes.length; i++) { if (nodes[i].dataset.uid === target) { return i; } }
    return nodes.length;
  }

  function value(input) {
    if (input.dataset.type === 'number') { return input.value === '' ? null : Number(input.value); }
    return input.value;
  }

  function raw(node) {
    var values = {};
    node.querySelectorAll('[data-key]').forEach(function (input) { values[input.dataset.key] = input; });
    return values;
  }

  function stepConfig(node) {
    var action = node.dataset.action, inputs = raw(node), config = {};
    if (action === 'wait') {
      config[inputs.unit.value] = value(inputs.amount);
    } else if (action === 'branch') {
      config.stage = inputs.stage.value;
      config.yes_step = indexOf(inputs.yes_step.value);
      config.no_step = indexOf(inputs.no_step.value);
    } else if (action === 'ab_split') {
      config.variants = [
        { name: 'A', weight: value(inputs.a_weight), step: indexOf(inputs.a_step.value) },
        { name: 'B', weight: value(inputs.b_weight), step: indexOf(inputs.b_step.value) }];
    } else {
      Object.keys(inputs).forEach(function (key) {
        var v = value(inputs[key]);
        if (v !== null && v !== '') { config[key] = v; }
      });
    }
    return config;
  }

  function fill(node, action, config) {
    var inputs = raw(node);
    var pending = [];
    if (action === 'wait') {
      ['wait_days', 'wait_hours', 'wait_minutes'].forEach(function (unit) {
        if (config[unit] != null) { inputs.unit.value = unit; inputs.amount.value = config[unit]; }
      });
    } else if (action === 'branch') {
      if (config.stage) { inputs.stage.value = config.stage; }
      pending.push([inputs.yes_step, config.yes_step], [inputs.no_step, config.no_step]);
    } else if (action === 'ab_split') {
      var v = config.variants || [];
      if (v[0]) { inputs.a_weight.value = v[0].weight; pending.push([inputs.a_step, v[0].step]); }
      if (v[1]) { inputs.b_weight.value = v[1].weight; pending.push([inputs.b_step, v[1].step]); }
    } else {
      Object.keys(inputs).forEach(function (key) { if (config[key] != null) { inputs[key].value = config[key]; } });
    }
    node._pendingTargets = pending;
  }

  // time triggers: a date-time picked in the mall's zone is sent as ISO-8601 with that zone's offset
  function zoneParts(date) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: root.dataset.zone, hourCycle: 'h23', year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function zoned(local) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) { return local; }
    var withSeconds = local.length === 16 ? local + ':00' : local;
    var asUtc = Date.parse(withSeconds + 'Z'), p = zoneParts(new Date(asUtc));
    var offset = Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - asUtc) / 60000);
    var abs = Math.abs(offset);
    return withSeconds + (offset < 0 ? '-' : '+') + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
  }
  function local(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) { return ''; }
    var p = zoneParts(date);
    return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute;
  }
  function timeMode() { return el('wf-time-mode') ? el('wf-time-mode').value : 'at'; }

  function definition() {
    var type = el('wf-trigger-type').value, trigger = el('wf-trigger'), config = {};
    trigger.querySelectorAll('[data-for="' + type + '"] [data-key]').forEach(function (input) {
      var holder = input.closest('[data-time]');
      if (holder && holder.getAttribute('data-time') !== timeMode()) { return; }
      var v = input.dataset.type === 'zoned' ? zoned(input.value) : value(input);
      if (v !== null && v !== '') { config[input.dataset.key] = v; }
    });
    return {
      name: el('wf-name').value,
      trigger: { trigger_type: type, config: config },
      steps: stepNodes().map(function (node) { return { action_type: node.dataset.action, config: stepConfig(node) }; }),
      settings: { allow_reentry: el('wf-reentry').checked }
    };
  }

  function showTriggerFields() {
    var type = el('wf-trigger-type').value;
    el('wf-trigger').querySelectorAll('[data-for]').forEach(function (label) {
      var time = label.getAttribute('data-time');
      label.hidden = label.getAttribute('data-for') !== type || (time !== null && time !== timeMode());
    });
  }

  function showErrors(body) {
    var box = el('wf-errors');
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var lines = [body.detail || 'Error'];
    (body.errors || []).forEach(function (e) { lines.push(e.field + ': ' + e.message); });
    lines.forEach(function (line) {
      var div = document.createElement('div');
      div.textContent = line;
      box.appendChild(div);
    });
    box.hidden = false;
  }

  function save() {
    var csrf = window.atrium.csrf(), headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    headers[csrf.header] = csrf.token;
    fetch(root.dataset.saveUrl, { method: 'POST', headers: headers, body: JSON.stringify(definition()),
      credentials: 'same-origin' })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok && body.id) {
            window.location.assign(root.dataset.viewUrl + encodeURIComponent(body.id));
          } else {
            showErrors(body.detail ? body : { detail: 'HTTP ' + response.status });
          }
        });
      });
  }

  // HTML5 drag and drop: drop a step before the step under the pointer (or at the end)
  var dragged = null;
  function onDragStart(event) {
    var node = event.target.closest && event.target.closest('#wf-steps > .node');
    if (!node) { return; }
    dragged = node;
    node.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', node.dataset.uid);
  }
  function target(event) {
    var nodes = stepNodes();
    for (var i = 0; i < nodes.length; i++) {
      var box = nodes[i].getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { return nodes[i]; }
    }
    return null;
  }
  function clearMarks() { stepsEl.querySelectorAll('.drop-before').forEach(function (n) { n.classList.remove('drop-before'); }); }
  function onDragOver(event) {
    if (!dragged) { return; }
    event.preventDefault();
    clearMarks();
    var before = target(event);
    if (before && before !== dragged) { before.classList.add('drop-before'); }
  }
  function onDrop(event) {
    if (!dragged) { return; }
    event.preventDefault();
    var before = target(event);
    if (before !== dragged) { stepsEl.insertBefore(dragged, before); }
    onDragEnd();
    refresh();
  }
  function onDragEnd() {
    if (dragged) { dragged.classList.remove('dragging'); }
    dragged = null;
    clearMarks();
  }

  function onClick(event) {
    var add = event.target.closest('[data-add]');
    if (add) { addStep(add.getAttribute('data-add')); return; }
    var node = event.target.closest('#wf-steps > .node');
    if (!node) { return; }
    if (event.target.closest('[data-remove]')) { node.remove(); refresh(); return; }
    var move = event.target.closest('[data-move]');
    if (move) {
      var nodes = stepNodes(), i = nodes.indexOf(node), j = i + Number(move.getAttribute('data-move'));
      if (j < 0 || j >= nodes.length) { return; }
      if (j > i) { stepsEl.insertBefore(nodes[j], node); } else { stepsEl.insertBefore(node, nodes[j]); }
      refresh();
    }
  }

  function load(def) {
    el('wf-name').value = def.name || '';
    el('wf-reentry').checked = !!(def.settings && def.settings.allow_reentry);
    var trigger = def.trigger || {};
    if (trigger.trigger_type) { el('wf-trigger-type').value = trigger.trigger_type; }
    var config = trigger.config || {};
    if (trigger.trigger_type === 'time') { el('wf-time-mode').value = config.cron != null ? 'cron' : 'at'; }
    el('wf-trigger').querySelectorAll('[data-for="' + trigger.trigger_type + '"] [data-key]').forEach(function (input) {
      if (config[input.dataset.key] == null) { return; }
      if (input.tagName === 'SELECT' && !Array.prototype.some.call(input.options,
        function (o) { return o.value === String(config[input.dataset.key]); })) {
        var kept = document.createElement('option');
        kept.value = kept.textContent = String(config[input.dataset.key]);
        input.appendChild(kept);
      }
      input.value = input.dataset.type === 'zoned' ? local(config[input.dataset.key]) : config[input.dataset.key];
    });
    var nodes = (def.steps || []).map(function (step) { return addStep(step.action_type, step.config || {}); });
    nodes.forEach(function (node) {
      (node && node._pendingTargets || []).forEach(function (pair) {
        var target = nodes[pair[1]];
        pair[0].dataset.target = target ? target.dataset.uid : 'end';
      });
    });
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    root = el('wf-builder');
    if (!root) { return; }
    stepsEl = el('wf-steps');
    root.addEventListener('click', onClick);
    root.addEventListener('change', function (event) {
      if (event.target.matches('select[data-type="step"]')) { event.target.dataset.target = event.target.value; }
      if (event.target.id === 'wf-trigger-type' || event.target.id === 'wf-time-mode') { showTriggerFields(); }
    });
    stepsEl.addEventListener('dragstart', onDragStart);
    stepsEl.addEventListener('dragover', onDragOver);
    stepsEl.addEventListener('drop', onDrop);
    stepsEl.addEventListener('dragend', onDragEnd);
    el('wf-save').addEventListener('click', save);
    if (root.dataset.definition) { load(JSON.parse(root.dataset.definition)); }
    showTriggerFields();
    window.atrium.builder = { definition: definition };
  });
})();
