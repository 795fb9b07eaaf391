/**
 * Password rule shared by the server and the registration form, so the form can say what is wrong
 * while the user types. 等保 3 asks for complexity; length matters most, so the floor is 10.
 */
export const PASSWORD_MIN_LENGTH = 10;

export interface PasswordCheck {
  ok: boolean;
  tooShort: boolean;
  classes: number;
  containsIdentity: boolean;
}

export function checkPassword(
  password: string,
  identity: { email?: string; phone?: string | null } = {},
): PasswordCheck {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const lower = password.toLowerCase();
  const local = identity.email?.split('@')[0]?.toLowerCase();
  const containsIdentity =
    (local !== undefined && local.length >= 4 && lower.includes(local)) ||
    (!!identity.phone && identity.phone.length >= 6 && password.includes(identity.phone));
  const tooShort = password.length < PASSWORD_MIN_LENGTH;
  return { ok: !tooShort && classes >= 3 && !containsIdentity, tooShort, classes, containsIdentity };
}
