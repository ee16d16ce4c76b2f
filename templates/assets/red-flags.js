/* Red-flag checker. Shows, in the form's live region, the advice of the most
   urgent level among the ticked signs; with none ticked, the self-care advice.
   Every text comes from the form's data-* attributes. No network, no storage,
   no cookies: nothing ticked leaves the page. Safe to load more than once. */
(function () {
  'use strict';

  function readLevels(form) {
    var levels = {};
    form.querySelectorAll('[data-level-id]').forEach(function (el) {
      levels[el.getAttribute('data-level-id')] = {
        id: el.getAttribute('data-level-id'),
        rank: Number(el.getAttribute('data-rank')),
        title: el.getAttribute('data-title'),
        advice: el.getAttribute('data-advice'),
        label: el.getAttribute('data-action-label'),
        url: el.getAttribute('data-action-url')
      };
    });
    return levels;
  }

  function leastUrgent(levels) {
    var last = null;
    Object.keys(levels).forEach(function (id) {
      if (!last || levels[id].rank > last.rank) { last = levels[id]; }
    });
    return last;
  }

  function chosen(form, levels) {
    var best = null;
    form.querySelectorAll('input[type="checkbox"][data-level]').forEach(function (box) {
      if (!box.checked) { return; }
      // A sign whose level is unknown counts as an emergency: never under-triage.
      var level = levels[box.getAttribute('data-level')] || levels.emergency;
      if (!best || level.rank < best.rank) { best = level; }
    });
    return best;
  }

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = value;
    return el;
  }

  function show(form, levels, region) {
    var level = chosen(form, levels);
    var none = !level;
    if (none) { level = leastUrgent(levels); }
    var parts = [
      text('p', 'red-flag-result-lead', none ? 'You have not ticked any warning sign.' : 'Because of the signs you ticked:'),
      text('p', 'red-flag-result-title', level.title),
      text('p', '', level.advice)
    ];
    if (level.url) {
      var action = text('a', 'red-flag-action', level.label);
      action.href = level.url;
      var line = document.createElement('p');
      line.appendChild(action);
      parts.push(line);
    }
    region.replaceChildren.apply(region, parts);
    region.setAttribute('data-level', level.id);
    region.hidden = false;
  }

  // On a narrow screen the result follows the whole list, far below a ticked box:
  // each group's "See what to do" (in the HTML, so nothing moves) becomes a link to
  // it. The stylesheet hides those where the result sits beside the list.
  function linkToResult(form, region, n) {
    region.id = region.id || 'red-flag-result-' + (n + 1);
    form.querySelectorAll('.red-flag-to-result a').forEach(function (link) {
      link.href = '#' + region.id;
    });
  }

  function setUp(form, n) {
    if (form.hasAttribute('data-ready')) { return; }
    var region = form.querySelector('.red-flag-result');
    var levels = readLevels(form);
    if (!region || !levels.emergency) { return; }
    form.setAttribute('data-ready', '');
    linkToResult(form, region, n);
    form.addEventListener('change', function () { show(form, levels, region); });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    show(form, levels, region);
  }

  document.querySelectorAll('form[data-red-flag-checker]').forEach(setUp);
}());
