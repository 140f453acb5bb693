// Who may run what: each action says which Permission it needs, and this is the one place that
// checks it, refuses, and tells /help.
import { refusal, type Reply } from "../src/core/card.js";
import { WHO_MAY_CHANGE, type Action, type Caller, type CommandDefinition, type Permission } from "./command.js";
import { actionUsage } from "./syntax.js";

/** Whether the caller may run an action that needs `permission`. */
export function may(caller: Caller, permission: Permission = "anyone"): boolean {
  if (permission === "manager") return caller.canManage;
  if (permission === "admin") return caller.isAdmin;
  return true;
}

/** What an action needs: anyone may run it unless it says otherwise. */
export const permissionOf = (action: Action): Permission => action.permission ?? "anyone";

/** The refusal names a channel's managers as the channel's own members see them. */
const REFUSED_BY: Readonly<Record<Exclude<Permission, "anyone">, string>> = {
  manager: "people who manage this channel",
  admin: WHO_MAY_CHANGE.admin,
};

/** Undefined when the caller may run the action; otherwise the refusal: "Only … can add sources;
 * anyone can list them.", suggesting what the caller may still do. */
export function refusedFor(caller: Caller, command: CommandDefinition, action: Action): Reply | undefined {
  const permission = permissionOf(action);
  if (permission === "anyone" || may(caller, permission)) return undefined;
  const open = command.actions.filter((a) => permissionOf(a) === "anyone").map((a) => actionUsage(command, a));
  const { changes = `/${command.name}`, stillOpen } = command.restricted ?? {};
  return refusal("Not allowed", `Only ${REFUSED_BY[permission]} can ${action.name ?? "use"} ${changes}${stillOpen ? `; ${stillOpen}` : ""}.`, open);
}

/** Made at the first /help, not at import: an Intl formatter's first use loads ICU's data (10-20 ms),
 * which every other command, /story included, would pay at start-up. */
let lists: { and: Intl.ListFormat; or: Intl.ListFormat } | undefined;
const listFormats = () =>
  (lists ??= { and: new Intl.ListFormat("en-GB", { type: "conjunction" }), or: new Intl.ListFormat("en-GB", { type: "disjunction" }) });

/** For /help: "Anyone may use /news list, … and every other command. Only … may /news subscribe, … or resume." */
export function whoMayChange(commands: readonly CommandDefinition[]): string {
  const { and, or } = listFormats();
  const restricted = commands.filter((c) => c.actions.some((a) => permissionOf(a) !== "anyone"));
  const open = restricted.flatMap((c) => c.actions.filter((a) => permissionOf(a) === "anyone").map((a) => `/${c.name} ${a.name}`));
  const rules = restricted.flatMap((command) =>
    (["manager", "admin"] as const).flatMap((permission) => {
      const actions = command.actions.filter((a) => permissionOf(a) === permission).map((a) => a.name ?? "");
      return actions.length ? [`Only ${WHO_MAY_CHANGE[permission]} may /${command.name} ${or.format(actions)}.`] : [];
    }),
  );
  return [`Anyone may use ${and.format([...open, "every other command"])}.`, ...rules].join(" ");
}
