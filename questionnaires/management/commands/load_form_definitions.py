from django.core.management.base import BaseCommand, CommandError

from questionnaires.definition_files import DEFAULT_DIR, DefinitionError, load_directory


class Command(BaseCommand):
    help = "Load the field catalogue and questionnaires from form_definitions/ (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
        parser.add_argument("--publish", action="store_true", help="Publish changed questionnaires.")

    def handle(self, *args, directory, publish, **options):
        try:
            report = load_directory(directory, publish=publish)
        except DefinitionError as error:
            raise CommandError("Nothing was loaded:\n" + "\n".join(error.problems)) from None
        for label, items in (
            ("Catalogue fields created", report.created_fields),
            ("Catalogue fields updated", report.updated_fields),
            ("Questionnaires created", report.created_questionnaires),
            ("New draft revisions", report.new_revisions),
            ("Published", report.published),
            ("Unchanged", report.unchanged),
        ):
            if items:
                self.stdout.write(f"{label}: {', '.join(items)}")
        if not (
            report.created_fields or report.updated_fields or report.created_questionnaires or report.new_revisions
        ):
            self.stdout.write("Nothing changed.")
