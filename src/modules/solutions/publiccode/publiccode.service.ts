import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { invalid, NotFoundError, type Result } from "../../../platform/http/errors.ts";
import { requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import type { Solution, SolutionRepo } from "../solutions.repo.ts";
import { type PubliccodeFields, readPubliccode, writePubliccode } from "./publiccode.ts";

export const importInput = z.object({ publiccode: z.string().max(200_000).default(""), ownerOrganisationId: requiredId });

/** publiccode.yml in and out of the catalogue: a file read into a new solution, a solution written as a file. */
export class PubliccodeService {
  constructor(
    private readonly repo: SolutionRepo,
    /** The catalogue's create command, which checks the owner and the fields as the form's would. */
    private readonly create: (actor: Actor, input: unknown) => Promise<Result<Solution>>,
  ) {}

  /**
   * Reads a publiccode.yml file into a new solution offered by the chosen organisation. A file that
   * is not YAML, misses required keys or has values the standard does not allow is refused with
   * every problem listed, and nothing is saved.
   */
  async importPubliccode(actor: Actor, input: unknown): Promise<Result<Solution>> {
    // The owner and the file are checked together, so one answer lists every problem.
    const parsed = importInput.safeParse(input);
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    const source =
      typeof (input as { publiccode?: unknown } | null)?.publiccode === "string"
        ? (input as { publiccode: string }).publiccode
        : "";
    const read = source.trim() ? readPubliccode(source) : undefined;
    if (!read) errors.push({ field: "publiccode", key: "errors.publiccodeEmpty" });
    else if (!read.ok) errors.push(...read.errors);
    if (!parsed.success || !read?.ok || errors.length) return invalid(errors);
    const fields: PubliccodeFields = read.value;
    const created = await this.create(actor, {
      ...fields,
      // A licence of one's own (LicenseRef-proprietary, as the standard asks for "proprietary") is a product's.
      origin: fields.licence && !/^(LicenseRef-)?proprietary$/i.test(fields.licence) ? "open_source" : "product",
      ownerOrganisationId: parsed.data.ownerOrganisationId,
    });
    // The import form has no field for what the file filled: any remaining problem is the file's.
    if (!created.ok)
      return invalid(created.errors.map((e) => (e.field === "ownerOrganisationId" ? e : { ...e, field: "publiccode" })));
    return created;
  }

  async exportPubliccode(id: number, pageUrl: string): Promise<{ name: string; yaml: string }> {
    const found = await this.repo.detail(id);
    if (!found) throw new NotFoundError();
    const { solution } = found;
    return {
      name: solution.name,
      yaml: writePubliccode(
        {
          ...solution,
          ownerName: found.ownerName,
          contactName: found.contactName,
          contactEmail: found.contactEmail,
        },
        pageUrl,
      ),
    };
  }
}
