"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ChartFrame, type FrameStatus } from "../../primitives/ChartFrame.js";
import { errorMessage } from "../../primitives/ChartStates.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { useTRPC } from "../../provider/trpc.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { GoalForm } from "./GoalForm.js";
import { GoalsPanelView } from "./GoalsPanelView.js";
import { type Goal, type GoalDraft, isWriteDenied, prepareGoals } from "./prepare.js";

export interface GoalsPanelProps {
  /** Judge each goal over its trailing window ending at this instant (ISO or epoch ms); default now. */
  at?: string | number;
  /** Show the goals without Add, Edit and Delete (default false: the read key may edit its project's goals). */
  readOnly?: boolean;
  /** Card title (default "Goals"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** IANA time zone of dates (default the provider's). */
  timezone?: string;
  /** Extra class on the card. */
  className?: string;
}

type Editing = { goal: Goal | null } | null;

/**
 * The project's goals (`goals.list`), each judged over its own trailing window (`goals.evaluate`): actual value,
 * met or missed and by how much. Goals are project settings, so the dashboard's range and filters do not apply.
 * Adds, edits and deletes through `goals.upsert` / `goals.delete`, which the server lets a read key do; when the
 * server refuses a write, the panel says so and turns read-only.
 */
export function GoalsPanel(props: GoalsPanelProps): ReactNode {
  const { at, readOnly = false, title = "Goals", locale, timezone, className } = props;
  const trpc = useTRPC();
  const queryClient = usePromptmeterQueryClient();
  const f = useFormatters(locale, timezone);
  const list = useQuery(trpc.goals.list.queryOptions(), queryClient);
  const evaluation = useQuery(trpc.goals.evaluate.queryOptions(at === undefined ? {} : { at }), queryClient);
  const [editing, setEditing] = useState<Editing>(null);
  const [denied, setDenied] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.goals.pathFilter());
  const onWriteError = (error: unknown, show: (message: string) => void) => {
    if (isWriteDenied(error)) {
      setDenied(true);
      setEditing(null);
    } else show(errorMessage(error) ?? "The server did not save the change");
  };
  const upsert = useMutation(
    trpc.goals.upsert.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await refresh();
      },
      onError: (error) => onWriteError(error, setSaveError),
    }),
    queryClient,
  );
  const remove = useMutation(
    trpc.goals.delete.mutationOptions({
      onSuccess: () => refresh(),
      onError: (error) => onWriteError(error, setDeleteError),
    }),
    queryClient,
  );

  const editable = !readOnly && !denied;
  const error = list.error ?? evaluation.error;
  const goals = list.data?.rows ?? [];
  const status: FrameStatus = error
    ? "error"
    : list.status === "pending" || evaluation.status === "pending"
      ? "loading"
      : goals.length === 0 && !editing
        ? "empty"
        : "data";
  const view = list.data && evaluation.data ? prepareGoals(goals, evaluation.data.rows, f) : null;
  const startEditing = (goal: Goal | null) => {
    setSaveError(null);
    setEditing({ goal });
  };
  const form = editing
    ? {
        goalId: editing.goal?.id ?? null,
        node: (
          <GoalForm
            key={editing.goal?.id ?? "new"}
            goal={editing.goal}
            saving={upsert.isPending}
            error={saveError}
            onSave={(draft: GoalDraft) => upsert.mutate(draft)}
            onCancel={() => setEditing(null)}
          />
        ),
      }
    : null;

  const subtitle = view
    ? `${view.met} of ${view.judged} met · each over its trailing window ending ${at === undefined ? "now" : f.dateTime(evaluation.data?.at ?? at)}`
    : "Targets over trailing windows";

  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      actions={
        editable && !editing && status !== "error" && status !== "loading" ? (
          <button type="button" className="pm-button" onClick={() => startEditing(null)}>
            Add goal
          </button>
        ) : undefined
      }
      status={status}
      error={error}
      onRetry={() => {
        void list.refetch();
        void evaluation.refetch();
      }}
      emptyMessage={editable ? "No goals yet. Add one, such as p95 latency ≤ 2 s over 7 days." : "No goals are set for this project."}
      skeleton="list"
      className={className}
      minHeight={160}
    >
      {view && (
        <GoalsPanelView
          data={view}
          editable={editable}
          onEdit={startEditing}
          onDelete={(goal) => {
            setDeleteError(null);
            remove.mutate({ id: goal.id });
          }}
          deletingId={remove.isPending ? remove.variables?.id : null}
          form={form}
        />
      )}
      {deleteError && (
        <p className="pm-form-error" role="alert">
          {deleteError}
        </p>
      )}
      {(readOnly || denied) && (
        <p className="pm-footnote pm-goals-note">
          {denied ? "This key may not change goals, so they are shown read-only." : "Goals are shown read-only here."}
        </p>
      )}
    </ChartFrame>
  );
}
