"""Every change to an account, profile or child goes through these functions: forms, the API,
the CLI, the demo and the tests all call them."""

from kettle.accounts.actions.account import (
    do_change_password,
    do_confirm_email,
    do_create_member,
    do_log_out_everywhere,
    do_request_email_change,
    do_request_password_reset,
    do_resend_confirmation,
    do_set_password,
    do_sign_up,
)
from kettle.accounts.actions.common import UNSET
from kettle.accounts.actions.profile import (
    AVATAR_SIDE,
    do_add_child,
    do_advance_onboarding,
    do_finish_onboarding,
    do_record_loss,
    do_remove_avatar,
    do_remove_child,
    do_set_avatar,
    do_undo_loss,
    do_update_child,
    do_update_profile,
)
from kettle.accounts.actions.tokens import TOKEN_PREFIX, do_create_token, do_revoke_token, hash_token

__all__ = [
    "AVATAR_SIDE", "TOKEN_PREFIX", "UNSET", "do_add_child", "do_advance_onboarding", "do_change_password",
    "do_confirm_email", "do_create_member", "do_create_token", "do_finish_onboarding", "do_log_out_everywhere",
    "do_record_loss", "do_remove_avatar", "do_remove_child", "do_request_email_change",
    "do_request_password_reset", "do_resend_confirmation", "do_revoke_token", "do_set_avatar", "do_set_password",
    "do_sign_up", "do_undo_loss", "do_update_child", "do_update_profile", "hash_token",
]
