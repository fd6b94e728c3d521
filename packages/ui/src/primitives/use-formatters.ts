"use client";
import { useMemo } from "react";
import { usePromptmeterOptional } from "../provider/use-promptmeter.js";
import { createFormatters, type Formatters } from "./format.js";

/** Formatters for the given locale/time zone, else the provider's, else en-US/UTC. */
export function useFormatters(locale?: string, timeZone?: string): Formatters {
  const provider = usePromptmeterOptional();
  const resolvedLocale = locale ?? provider?.locale ?? "en-US";
  const resolvedZone = timeZone ?? provider?.timezone ?? "UTC";
  return useMemo(() => createFormatters(resolvedLocale, resolvedZone), [resolvedLocale, resolvedZone]);
}
