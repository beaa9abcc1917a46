// The section index: states follow what the clerk types (the server decides them, asked with the
// form as it is now); the read-along choice is kept for the browser tab. Without it the index still
// links to each section and shows the states of the last save.
(function () {
  var toggle = document.querySelector('[data-read-along-toggle]');
  if (toggle) {
    toggle.checked = sessionStorage.getItem('clearing-read-along') === '1';
    toggle.addEventListener('change', function () {
      sessionStorage.setItem('clearing-read-along', toggle.checked ? '1' : '0');
    });
  }

  // Stay below what else sticks to the top of the page (the admin's header), however tall it is now.
  var index = document.querySelector('.clearing-section-index');
  var above = index && index.dataset.stickyBelow && document.querySelector(index.dataset.stickyBelow);
  function place() {
    var root = document.documentElement.style;
    root.setProperty('--clearing-sticky-top', (above ? above.getBoundingClientRect().height : 0) + 'px');
    root.setProperty('--clearing-index-height', index.getBoundingClientRect().height + 'px');
  }
  if (index) {
    place();
    window.addEventListener('resize', place);
  }

  var nav = document.querySelector('.clearing-section-index[data-states-url]');
  var questionnaire = document.querySelector('.clearing-questionnaire');
  var form = questionnaire && questionnaire.closest('form');
  if (!nav || !form) { return; }
  var timer = null;
  var asked = 0;

  function show(sections) {
    sections.forEach(function (section) {
      var entry = nav.querySelector('[data-section-index="' + section.key + '"]');
      if (!entry) { return; }
      entry.hidden = section.hidden;
      var state = entry.querySelector('.clearing-state');
      state.dataset.state = section.state;
      state.textContent = section.state_label;
    });
  }

  function refresh() {
    var number = ++asked;
    fetch(nav.dataset.statesUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && number === asked) { show(data.sections); } })
      .catch(function () { /* offline for a moment: the states catch up on the next change */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
