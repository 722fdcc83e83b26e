import { PostButton } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { type Column, ListTable } from "../../../platform/ui/list-page.tsx";
import type { AccessRole } from "../schema.ts";
import type { InvitationStatus } from "./invitations.service.ts";

/** A sent invitation as its table shows it. */
export type InvitationRow = {
  networkId: number | null;
  role: AccessRole | null;
  id: number;
  email: string;
  name: string;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
};

/** Sent invitations with resend and withdraw; actionBase is where those actions post. */
export function InvitationTable(props: {
  ctx: PageContext;
  items: InvitationRow[];
  actionBase: string;
  showNetwork?: Map<number, string>;
}) {
  const { ctx } = props;
  const { t, dateTime } = ctx.i18n;
  if (props.items.length === 0) return <p class="ds-paragraph">{t("invitations.none")}</p>;
  const open = (i: InvitationRow) => i.status === "pending" || i.status === "expired";
  const email: Column<InvitationRow> = { label: t("auth.email"), cell: (i) => `${i.email}${i.name ? ` (${i.name})` : ""}` };
  const network: Column<InvitationRow>[] = props.showNetwork
    ? [
        {
          label: t("invitations.network"),
          cell: (i) => (i.networkId ? (props.showNetwork?.get(i.networkId) ?? "") : t("invitations.noNetwork")),
        },
      ]
    : [];
  return (
    <ListTable
      ctx={ctx}
      label={t("invitations.sent")}
      rows={props.items}
      rowKey={(i) => i.id}
      columns={[
        email,
        ...network,
        {
          label: t("invitations.status"),
          cell: (i) =>
            `${t(`invitations.status.${i.status}`)}${i.role && i.status === "pending" ? ` · ${t(`access.role.${i.role}`)}` : ""}`,
        },
        { label: t("invitations.expires"), cell: (i) => (open(i) ? dateTime(i.expiresAt) : "") },
        {
          label: t("common.actions"),
          class: "actions-cell",
          cell: (i) =>
            open(i) ? (
              <>
                <PostButton
                  ctx={ctx}
                  action={`${props.actionBase}/${i.id}/resend`}
                  label={t("invitations.resend")}
                  hiddenText={i.email}
                  variant="tertiary"
                  size="sm"
                />
                <PostButton
                  ctx={ctx}
                  action={`${props.actionBase}/${i.id}/withdraw`}
                  label={t("invitations.withdraw")}
                  hiddenText={i.email}
                  variant="tertiary"
                  size="sm"
                  danger
                />
              </>
            ) : null,
        },
      ]}
    />
  );
}
