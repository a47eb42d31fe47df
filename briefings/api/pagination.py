from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 20; `page=` with no number is the first page, and the schema says so."""

    page_size = 20

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters
