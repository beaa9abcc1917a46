from django.core.management.base import BaseCommand

from questionnaires.definition_files import export_directory


class Command(BaseCommand):
    help = "Write the catalogue and questionnaires the CMS holds to DIR, loadable by load_form_definitions."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        for name in export_directory(directory):
            self.stdout.write(f"wrote {directory}/{name}")
