"""HTML pages for groups, organisations and polls. Each module keeps its own `urlpatterns`;
kettle.groups.urls joins them under the "groups" namespace."""
