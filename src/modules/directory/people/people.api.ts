import { z } from "zod";
import { can } from "../../../platform/access/authorize.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { dbId, idParam, query, searchText } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { personInput } from "../directory.service.ts";

const personOut = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  email: z.string().nullable().describe("Only for published contact persons, or for administrators"),
  phone: z.string().nullable(),
  isDemo: z.boolean(),
});

/** The people through the API; contact details only where the reader may see them. */
export function peopleApi(api: ApiRouter, { services }: AppContext) {
  const { directory, networks } = services;

  const visible = async (actor: Parameters<typeof can>[0], rows: z.infer<typeof personOut>[]) => {
    if (can(actor, "person.viewContactDetails")) return rows;
    const published = await networks.publishedContactIds(rows.map((r) => r.id));
    return rows.map((r) => (published.has(r.id) ? r : { ...r, email: null, phone: null }));
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/people",
    operationId: "listPeople",
    summary: "List people; contact details only for published contact persons",
    tag: "people",
    query: query({ q: searchText, organisationId: dbId.optional(), ...listQuery }),
    response: listOf(personOut),
    handler: async ({ query: q, actor }) => {
      const result = await directory.listPeople(q);
      return { items: await visible(actor, result.items), total: result.total };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/people/:id",
    operationId: "getPerson",
    summary: "One person",
    tag: "people",
    params: idParam,
    response: personOut,
    handler: async ({ params, actor }) => {
      const person = await directory.getPerson(params.id);
      return (await visible(actor, [person]))[0];
    },
  });

  api.route({
    policy: "person.create",
    method: "POST",
    path: "/people",
    operationId: "createPerson",
    summary: "Create a person",
    tag: "people",
    body: personInput,
    response: personOut,
    status: 201,
    handler: async ({ actor, req }) => {
      const result = await directory.createPerson(actor, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return directory.getPerson(result.value.id);
    },
  });

  api.route({
    policy: "person.update",
    resource: ({ id }) => directory.getPerson(id),
    method: "PATCH",
    path: "/people/:id",
    operationId: "updatePerson",
    summary: "Change a person; fields left out keep their value",
    tag: "people",
    params: idParam,
    body: personInput.partial(),
    response: personOut,
    handler: async ({ actor, params, req }) => {
      const current = await directory.getPerson(params.id);
      const result = await directory.updatePerson(actor, params.id, { ...current, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      return directory.getPerson(params.id);
    },
  });

  api.route({
    policy: "person.delete",
    resource: ({ id }) => directory.getPerson(id),
    method: "DELETE",
    path: "/people/:id",
    operationId: "deletePerson",
    summary: "Delete a person and their seats in bodies",
    tag: "people",
    params: idParam,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await directory.deletePerson(actor, params.id);
      return null;
    },
  });
}
