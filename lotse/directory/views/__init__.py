from lotse.directory.views.detail import service_detail
from lotse.directory.views.edit import create_service, edit_service, verify_service
from lotse.directory.views.imports import import_services
from lotse.directory.views.listing import service_list

__all__ = [
    "create_service",
    "edit_service",
    "import_services",
    "service_detail",
    "service_list",
    "verify_service",
]
