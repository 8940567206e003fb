from django.urls import path

from kettle.accounts.views import auth, onboarding, settings

app_name = "accounts"

urlpatterns = [
    path("signup/", auth.sign_up, name="signup"),
    path("signup/check-your-email/", auth.sign_up_done, name="signup_done"),
    path("confirm/<str:token>/", auth.confirm_email, name="confirm_email"),
    path("login/", auth.log_in_view, name="login"),
    path("logout/", auth.log_out, name="logout"),
    path("password/reset/", auth.password_reset, name="password_reset"),
    path("password/reset/<str:uidb64>/<str:token>/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("welcome/<int:step>/", onboarding.onboarding, name="onboarding"),
    path("welcome/<int:step>/skip/", onboarding.skip, name="onboarding_skip"),
    path("settings/", settings.profile_settings, name="settings_profile"),
    path("settings/avatar/remove/", settings.remove_avatar, name="remove_avatar"),
    path("settings/children/", settings.children_settings, name="settings_children"),
    path("settings/children/<int:child_id>/", settings.edit_child, name="edit_child"),
    path("settings/children/<int:child_id>/<str:action>/", settings.child_action, name="child_action"),
    path("settings/children/support/", settings.loss_support, name="loss_support"),
    path("settings/privacy/", settings.privacy_settings, name="settings_privacy"),
    path("settings/account/", settings.account_settings, name="settings_account"),
    path("settings/account/logout-everywhere/", settings.log_out_everywhere, name="logout_everywhere"),
    path("settings/tokens/", settings.token_settings, name="settings_tokens"),
    path("settings/tokens/<int:token_id>/revoke/", settings.revoke_token, name="revoke_token"),
]
