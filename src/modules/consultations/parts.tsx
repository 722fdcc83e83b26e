import type { Translate } from "../../platform/i18n/i18n.ts";
import { InstantFields as KernelInstantFields, Notice } from "../../platform/ui/components.tsx";
import type { Question, Section } from "./consultations.repo.ts";
import type { ConsultationState } from "./state.ts";

/** View parts the consultation's pages share. */

/** When a consultation opens or closes, with its own labels. */
export function InstantFields({ t, name }: { t: Translate; name: "opens" | "closes" }) {
  return (
    <KernelInstantFields
      name={name}
      dateLabel={t(`consultation.${name}Date`)}
      timeLabel={t(`consultation.${name}Time`)}
      timeHint={t("consultation.timeHint")}
      required
    />
  );
}

/** Why a consultation takes no input now: it has closed, or it has not opened yet. */
export function NotOpenNotice({ t, state }: { t: Translate; state: ConsultationState }) {
  return <Notice>{state === "closed" ? t("errors.consultationClosed") : t("errors.consultationNotOpen")}</Notice>;
}

/** The heading of the section an input is on, or "the whole draft". */
export function sectionNames(sections: Section[], t: Translate) {
  const heading = new Map(sections.map((s) => [s.id, s.heading]));
  return (sectionId: number | null) => (sectionId ? heading.get(sectionId) : t("consultation.wholeDraft"));
}

/** An input's answers to the questions, each after its question. */
export function QuestionAnswers({ questions, answers }: { questions: Question[]; answers: Record<string, string> }) {
  return (
    <>
      {questions
        .filter((q) => answers[String(q.id)])
        .map((q) => (
          <p key={q.id} class="ds-paragraph" data-size="sm">
            <strong>{q.text}</strong> {answers[String(q.id)]}
          </p>
        ))}
    </>
  );
}

/** The secretariat's answer to an input, when it has one. */
export function InputAnswer({ t, answer }: { t: Translate; answer: string }) {
  return answer ? (
    <div class="answer">
      <strong>{t("consultation.answer")}:</strong>
      <p class="ds-paragraph prewrap">{answer}</p>
    </div>
  ) : null;
}
