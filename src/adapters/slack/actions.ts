// The core's actions as Slack buttons, and back. A button's action_id names the action (with the
// story id, so no two buttons of a message share one); its value carries the rest, small: a story
// id, a topic, or a command and its options. A click looks the story up again.
import { z } from "zod";
import { ChatAction, type ActionButton } from "../../core/chat/actions.js";
import { button, type ButtonElement } from "./render.js";

const PREFIX = {
  "share-story": "newsbot_share_story",
  "share-answer": "newsbot_share_reply",
  "more-like-this": "newsbot_more_like_this",
  unsubscribe: "newsbot_unsubscribe",
} as const satisfies Record<ChatAction["kind"], string>;

/** Every action id newsbot puts on a button. */
export const ACTION_ID = /^newsbot_/;

export function actionElement({ action, label, style }: ActionButton): ButtonElement {
  switch (action.kind) {
    case "share-story":
    case "more-like-this":
      return button(label, `${PREFIX[action.kind]}:${action.storyId}`, action.storyId, style);
    case "share-answer":
      return button(label, PREFIX[action.kind], JSON.stringify({ command: action.command, options: action.options }), style);
    case "unsubscribe":
      return button(label, `${PREFIX[action.kind]}:${action.storyId}`, action.topic, style);
  }
}

const SharedAnswer = z.object({ command: z.string(), options: z.record(z.string(), z.unknown()) });

/** The action a clicked button asks for; undefined for a button newsbot did not make. */
export function decodeAction(actionId: string, value: string): ChatAction | undefined {
  const [prefix = "", storyId = ""] = actionId.split(":");
  const kind = (Object.keys(PREFIX) as Array<keyof typeof PREFIX>).find((k) => PREFIX[k] === prefix);
  let action: unknown;
  if (kind === "share-answer") {
    try {
      action = { kind, ...SharedAnswer.parse(JSON.parse(value)) };
    } catch {
      return undefined;
    }
  } else if (kind === "unsubscribe") action = { kind, storyId, topic: value };
  else action = { kind, storyId: storyId || value };
  const parsed = ChatAction.safeParse(action);
  return parsed.success ? parsed.data : undefined;
}

/** The parts of a block_actions payload newsbot reads. */
export const ButtonClick = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional() }).loose().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type ButtonClick = z.infer<typeof ButtonClick>;

/** The channel the clicked message is in. */
export function clickChannel(click: ButtonClick): string | undefined {
  return click.channel?.id ?? click.container?.channel_id;
}
