import type { Actor } from "../../../platform/access/actor.ts";
import type { Db } from "../../../platform/db/client.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../../platform/files/files.ts";
import { NotFoundError, type Result } from "../../../platform/http/errors.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { ResourceRepo } from "../resources/resources.repo.ts";

/** A project's documents: stored files with a title, read by whoever may see the project. */
export class DocumentService {
  private readonly resourceRepo: ResourceRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
    /** Throws 404 unless the viewer may see the project. */
    private readonly visible: (id: number, viewer: Actor | null) => Promise<unknown>,
  ) {
    this.resourceRepo = new ResourceRepo(db);
  }

  /** Stores an uploaded document: size and type (by content) are checked before anything is saved. */
  async addDocument(actor: Actor, id: number, input: unknown, maxBytes: number): Promise<Result<number>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "project_document",
      insert: (tx, fileId, title) => this.resourceRepo.with(tx).documents.insert({ projectId: id, fileId, title }),
    });
  }

  /** A document's bytes, for a viewer who may see the project. */
  async documentFile(id: number, documentId: number, viewer: Actor | null) {
    await this.visible(id, viewer);
    const doc = await this.resourceRepo.documents.find(id, documentId);
    const file = doc ? await readFile(this.db, doc.fileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, id: number, documentId: number) {
    const doc = await this.resourceRepo.documents.find(id, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "project_document", doc, (tx) => this.resourceRepo.with(tx).documents.remove(doc.id));
  }
}
