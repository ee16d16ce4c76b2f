// The CMS preview (admin/, Decap CMS): the site's own stylesheet, and an exercise
// shown as the card the site renders from templates/partials/exercise-card.html,
// so an editor sees what readers will see. Loaded only by admin/index.html, after
// the CMS bundle, which provides window.CMS and window.h (React's createElement).
(function () {
  'use strict';
  var script = document.currentScript;
  var CMS = window.CMS;
  var h = window.h;
  if (!CMS || !h) {
    return;
  }

  if (script && script.dataset.stylesheet) {
    CMS.registerPreviewStyle(script.dataset.stylesheet);
  }

  function value(entry, name) {
    var v = entry.getIn(['data', name]);
    return v === undefined || v === null || v === '' ? null : v;
  }

  function list(entry, name) {
    var v = value(entry, name);
    if (v === null) {
      return [];
    }

    return (v.toJS ? v.toJS() : [].concat(v)).filter(function (item) { return item !== null && item !== ''; });
  }

  function fact(term, detail) {
    return h('div', {}, h('dt', {}, term), h('dd', {}, detail));
  }

  function items(tag, className, values) {
    return h(tag, { className: className }, values.map(function (v, i) { return h('li', { key: i }, String(v)); }));
  }

  // The facts, position, steps, tips and cautions of templates/partials/exercise-card.html.
  function card(entry) {
    var difficulty = value(entry, 'difficulty') || 'gentle';
    var reps = value(entry, 'reps');
    var sets = value(entry, 'sets');
    var hold = value(entry, 'hold_seconds');
    var eachSide = value(entry, 'each_side') === true;
    var frequency = value(entry, 'frequency');
    var equipment = list(entry, 'equipment');
    var targets = list(entry, 'targets');
    var pregnancy = value(entry, 'suitable_in_pregnancy');
    var tips = list(entry, 'tips');
    var cautions = list(entry, 'cautions');
    var facts = [fact('Difficulty', h('span', { className: 'badge badge-' + difficulty }, difficulty.charAt(0).toUpperCase() + difficulty.slice(1)))];
    if (reps !== null) {
      facts.push(fact('Repetitions', String(reps).replace(/\s*-\s*/, ' to ') + (eachSide ? ' on each side' : '')));
    }
    if (sets !== null) {
      facts.push(fact('Sets', String(sets)));
    }
    if (hold !== null && Number(hold) > 0) {
      facts.push(fact('Hold', hold + (Number(hold) === 1 ? ' second' : ' seconds') + (eachSide && reps === null ? ' on each side' : '')));
    }
    if (frequency !== null) {
      facts.push(fact('How often', String(frequency)));
    }
    facts.push(fact('Equipment', equipment.length === 0 ? 'None needed' : equipment.join(', ')));
    if (targets.length > 0) {
      facts.push(fact('Body areas', targets.join(', ')));
    }
    facts.push(fact('In pregnancy', pregnancy === true ? 'Suitable' : pregnancy === false ? 'Not advised' : 'Ask a physiotherapist first'));

    var children = [
      h('h3', { className: 'card-title' }, value(entry, 'title') || ''),
      h('p', { className: 'card-summary' }, value(entry, 'description') || ''),
      h('dl', { className: 'card-facts' }, facts),
      h('div', { className: 'card-how' },
        h('h4', {}, 'Starting position'),
        h('p', {}, value(entry, 'position') || ''),
        h('h4', {}, 'Steps'),
        items('ol', 'card-steps', list(entry, 'steps'))),
    ];
    if (tips.length > 0) {
      children.push(h('h4', {}, 'Tips'), items('ul', 'card-tips', tips));
    }
    if (cautions.length > 0) {
      children.push(h('div', { className: 'card-cautions' }, h('h4', {}, 'When to stop'), items('ul', '', cautions)));
    }
    return h('article', { className: 'exercise-card', 'data-difficulty': difficulty }, children);
  }

  function page(kind, props, middle) {
    var entry = props.entry;
    return h('main', { id: 'main' },
      h('article', { className: kind },
        h('header', { className: 'page-header' },
          h('h1', {}, value(entry, 'title') || ''),
          h('p', { className: 'lead' }, value(entry, 'description') || '')),
        middle,
        h('section', { className: 'prose' }, props.widgetFor('body'))));
  }

  CMS.registerPreviewTemplate('exercises', function (props) {
    return page('exercise', props, h('section', { className: 'exercise-how' }, h('h2', {}, 'How to do it'), card(props.entry)));
  });
  CMS.registerPreviewTemplate('articles', function (props) {
    return page('article', props, null);
  });
  CMS.registerPreviewTemplate('pages', function (props) {
    return page('page', props, null);
  });
}());
