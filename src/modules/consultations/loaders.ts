import type { FastifyRequest } from "fastify";
import { authorize } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { Services } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import type { Consultation } from "./consultations.repo.ts";

/**
 * What the consultation pages' policies are checked against, loaded from the path (404 if there is
 * none): the consultation or the strategy by :id, or the network by :slug (as { networkId }). Made
 * once and shared by every sub-feature's routes: a handler reads the record through the same loader
 * its route declares.
 */
export function consultationLoaders({ consultations, strategies, networks }: Services) {
  const consultationInPath = byPathId((id) => consultations.get(id));
  const strategyInPath = byPathId((id) => strategies.get(id));
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  /** The consultation the kernel let the actor run (see consultationInPath). */
  const managed = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, consultationInPath);
    return { actor, id: resource.id };
  };
  return { consultationInPath, strategyInPath, networkInPath, managed };
}

export type ConsultationLoaders = ReturnType<typeof consultationLoaders>;

/** A review round is for the network's own people; a public consultation for everyone. */
export const readable = (req: FastifyRequest, consultation: Consultation) => {
  if (consultation.audience === "bodies") authorize(req.actor, "consultation.summary", consultation);
};
