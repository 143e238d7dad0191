from django.utils.translation import gettext as _

from eiso.core.management.import_command import ImportCommand
from eiso.procedures.services import procedure_import


class Command(ImportCommand):
    help = _(
        "Nhập danh mục thủ tục hành chính từ tệp CSV/XLSX (tất cả hoặc không; nhập lại cập nhật theo mã)."
    )
    importer = procedure_import
