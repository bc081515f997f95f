package org.llmbench.results;

import java.util.List;

/**
 * One endpoint as endpoint.json records it: no key and no header value, only their names.
 *
 * @param apiKeyEnv   the NAME of the environment variable holding the key, null when none
 * @param headerNames extra headers sent (values are left out: they may be secrets)
 * @param tokenIds    whether synthetic prompts go to it as token-id arrays
 */
public record EndpointTargetInfo(String name, String url, String api, String model, String apiKeyEnv,
                                 List<String> headerNames, boolean tokenIds) {
}
