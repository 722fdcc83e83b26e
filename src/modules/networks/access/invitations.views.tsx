import { PostButton, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
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
  return (
    <TableScroll label={t("invitations.sent")}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("auth.email")}</th>
            {props.showNetwork ? <th scope="col">{t("invitations.network")}</th> : null}
            <th scope="col">{t("invitations.status")}</th>
            <th scope="col">{t("invitations.expires")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.email}
                {i.name ? ` (${i.name})` : ""}
              </th>
              {props.showNetwork ? (
                <td>{i.networkId ? (props.showNetwork.get(i.networkId) ?? "") : t("invitations.noNetwork")}</td>
              ) : null}
              <td>
                {t(`invitations.status.${i.status}`)}
                {i.role && i.status === "pending" ? ` · ${t(`access.role.${i.role}`)}` : ""}
              </td>
              <td>{i.status === "pending" || i.status === "expired" ? dateTime(i.expiresAt) : ""}</td>
              <td class="actions-cell">
                {i.status === "pending" || i.status === "expired" ? (
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
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
