import type { FastifyRequest } from "fastify";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { Services } from "../../platform/module.ts";
import { solutionParams, solutionUserParams } from "./params.ts";

/**
 * What the solution pages' policies are checked against: the organisation offering the solution by
 * :id, or the organisation by :organisationId (404 if there is none). Made once and shared by every
 * sub-feature's routes: a handler reads the record through the same loader its route declares.
 */
export function solutionLoaders({ solutions }: Services) {
  const offeringOrganisation = byPathId((id) => solutions.resource(id));
  const organisationInPath = (req: FastifyRequest) =>
    solutions.organisation(parseOrBadRequest(solutionUserParams, req.params).organisationId);
  /** The solution the kernel let the writer act on (see offeringOrganisation). */
  const authorizedSolution = (req: FastifyRequest) => {
    const { actor } = authorized(req, offeringOrganisation);
    return { actor, id: solutionInPath(req) };
  };
  return { offeringOrganisation, organisationInPath, authorizedSolution, solutionInPath };
}

/** The solution named by the path's :id (400 if it is not an id). */
export const solutionInPath = (req: FastifyRequest) => parseOrBadRequest(solutionParams, req.params).id;

export type SolutionLoaders = ReturnType<typeof solutionLoaders>;
