"use client";
import { useContext } from "react";
import { PromptmeterContext, type PromptmeterState } from "./promptmeter-context.js";

/** The shared range, time zone, filters and locale with their setters; throws outside a PromptmeterProvider. */
export function usePromptmeter(): PromptmeterState {
  const state = useContext(PromptmeterContext);
  if (!state) throw new Error("usePromptmeter() must be used inside <PromptmeterProvider>");
  return state;
}

/** Like `usePromptmeter()` but `null` outside a provider: primitives use it for default locale and time zone. */
export function usePromptmeterOptional(): PromptmeterState | null {
  return useContext(PromptmeterContext);
}
