"""Driving the questionnaire builder: Wagtail's StreamField editor of a questionnaire."""


def section_block(page, title):
    title_locator = page.locator(".c-sf-block__title", has_text=title)
    return page.locator("[data-streamfield-child]", has=title_locator).first


def add_question_at_end_of_section(page, title, section_index):
    section = section_block(page, title)
    section.locator(".w-panel__toggle").first.click()
    fields = page.locator(f"select[name^='body-{section_index}-value-items-'][name$='-value-field']")
    before = fields.count()
    section.locator("[data-streamfield-stream-container]").first.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Frage").click()
    new_field = fields.nth(before)
    new_field.wait_for(state="visible")
    return new_field.get_attribute("name").removesuffix("-value-field")


def publish(page):
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Veröffentlichen").click()


def answer_of(page, prefix):
    """The list over the condition's value and the text input it writes into."""
    wrapper = page.locator(".clearing-condition-answer", has=page.locator(f"input[name='{prefix}-answer']"))
    return wrapper.locator("select.clearing-condition-answer__options"), page.locator(f"input[name='{prefix}-answer']")
