// The builder's condition value: for fields with options, picked from them (German labels,
// stored values); the hidden text input stays what the form posts. The server still checks it.
(function () {
  const { Controller } = window.StimulusModule;

  class ConditionAnswerController extends Controller {
    static values = { choices: Object, blank: String, unknown: String };

    connect() {
      this.input = this.element.querySelector('input');
      const prefix = this.input.name.replace(/-answer$/, '');
      this.fieldSelect = document.querySelector(`[name="${prefix}-field"]`);
      this.opSelect = document.querySelector(`[name="${prefix}-op"]`);
      this.select = document.createElement('select');
      this.select.className = 'clearing-condition-answer__options';
      this.select.setAttribute('aria-labelledby', `${this.input.id}-label`);
      this.input.after(this.select);
      this.onField = () => { this.input.value = ''; this.update(); };
      this.onOp = () => { this.update(); };
      this.onPick = () => { this.pick(); };
      this.fieldSelect.addEventListener('change', this.onField);
      this.opSelect.addEventListener('change', this.onOp);
      this.select.addEventListener('change', this.onPick);
      this.update();
    }

    disconnect() {
      this.fieldSelect.removeEventListener('change', this.onField);
      this.opSelect.removeEventListener('change', this.onOp);
      this.select.remove();
      this.input.style.display = '';
    }

    currentValues(multiple) {
      const raw = this.input.value.trim();
      const values = raw.split(',').map((part) => part.trim()).filter(Boolean);
      return multiple ? values : values.slice(0, 1);
    }

    update() {
      const choices = this.choicesValue[this.fieldSelect.value];
      const op = this.opSelect.value;
      const picking = Boolean(choices) && op !== 'is_set';
      this.input.style.display = picking ? 'none' : '';
      this.select.style.display = picking ? '' : 'none';
      if (!picking) { return; }
      const multiple = op === 'one_of';
      const current = this.currentValues(multiple);
      this.select.multiple = multiple;
      this.select.replaceChildren();
      if (!multiple) { this.select.add(new Option(this.blankValue, '')); }
      choices.forEach(([value, label]) => {
        this.select.add(new Option(label, value, false, current.includes(value)));
      });
      current.filter((value) => !choices.some(([known]) => known === value)).forEach((value) => {
        this.select.add(new Option(this.unknownValue.replace('%s', value), value, false, true));
      });
      if (multiple) { this.select.size = Math.min(this.select.options.length, 8); }
      this.pick();
    }

    pick() {
      const values = Array.from(this.select.selectedOptions).map((option) => option.value).filter(Boolean);
      const text = values.join(', ');
      if (text !== this.input.value) {
        this.input.value = text;
        this.input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  }

  window.wagtail.app.register('clearing-condition-answer', ConditionAnswerController);
})();
