from django.utils.translation import gettext as _

from eiso.core.management.import_command import ImportCommand
from eiso.dossiers.imports import dossier_import


class Command(ImportCommand):
    help = _("Nhập hồ sơ từ tệp CSV/XLSX (tất cả hoặc không; nhập lại cùng mã thì cập nhật).")
    importer = dossier_import
