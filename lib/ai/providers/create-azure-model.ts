// Azure OpenAI through @ai-sdk/azure. The model id is the customer's deployment name.
//
// We use the Chat Completions API (`azure.chat`) rather than the SDK default (Responses): every
// Azure API version and region serves it, as do the proxies and fakes that speak the OpenAI wire
// format. Without a dated API version the SDK calls the v1 API
// (`https://<resource>.openai.azure.com/openai/v1/chat/completions?api-version=v1`, deployment in
// the body); with one (AZURE_OPENAI_API_VERSION=2024-10-21) it calls the classic
// `/openai/deployments/<deployment>/chat/completions?api-version=2024-10-21`. Either way the key
// goes in the `api-key` header.
import { createAzure } from "@ai-sdk/azure";
import type { ChainProvider, ProviderSpec } from "./provider-types";

export function createAzureModel(spec: Extract<ProviderSpec, { kind: "azure" }>): ChainProvider {
  const dated = Boolean(spec.apiVersion && spec.apiVersion !== "v1");
  const azure = createAzure({
    apiKey: spec.apiKey,
    // baseURL wins over resourceName in the SDK; pass only one so the intent is explicit.
    ...(spec.baseURL ? { baseURL: spec.baseURL.replace(/\/+$/, "") } : { resourceName: spec.resourceName }),
    ...(dated ? { apiVersion: spec.apiVersion, useDeploymentBasedUrls: true } : {}),
    fetch: spec.fetch,
  });
  return { name: "azure", modelId: spec.deployment, model: azure.chat(spec.deployment) };
}
