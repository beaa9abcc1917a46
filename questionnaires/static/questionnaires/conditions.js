// Mirrors the server's visibility rules while the person types; the server stays authoritative.
(function () {
  // "key" or "prefix-key", and an address's parts "key_0" … "key_4".
  function namesKey(name, key) {
    return new RegExp('(^|-)' + key + '(_\\d)?$').test(name);
  }

  function currentValues(root, key) {
    var values = [];
    root.querySelectorAll('[name]').forEach(function (input) {
      if (!namesKey(input.name, key) || input.closest('.clearing-group')) { return; }
      if (input.type === 'radio' || input.type === 'checkbox') {
        if (input.checked) { values.push(input.value); }
      } else if (input.tagName === 'SELECT' && input.multiple) {
        Array.prototype.forEach.call(input.selectedOptions, function (o) { values.push(o.value); });
      } else if (input.value.trim() !== '') {
        values.push(input.value.trim());  // the server strips text too
      }
    });
    return values;
  }

  function isVisible(root, element) {
    var condition = JSON.parse(element.dataset.condition);
    var controller = root.querySelector('[data-key="' + condition.field + '"]');
    if (controller && controller.hidden) { return false; }
    var section = controller && controller.closest('.clearing-section');
    if (section && section.hidden) { return false; }
    var values = currentValues(root, condition.field);
    if (condition.op === 'is_set') { return values.length > 0; }
    return values.some(function (v) { return condition.values.indexOf(v) !== -1; });
  }

  function update(root) {
    root.querySelectorAll('[data-condition]').forEach(function (element) {
      element.hidden = !isVisible(root, element);
    });
  }

  document.querySelectorAll('.clearing-questionnaire').forEach(function (root) {
    root.addEventListener('change', function () { update(root); });
    root.addEventListener('input', function () { update(root); });
    update(root);
  });
})();
