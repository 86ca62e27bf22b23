package io.sigmacode.firewall.secrets;

import java.util.List;

/**
 * Provider credential formats: a fixed, documented prefix plus the provider's body alphabet and length, which is
 * specific enough that a match is a credential whatever its surroundings.
 */
final class SecretRules {

    private SecretRules() {
    }

    static List<SecretRule> all() {
        return List.of(
                SecretRule.of("aws_access_key", "AKIA ASIA ABIA ACCA A3T", "\\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])"
                        + "[A-Z2-7]{16})\\b", 1, 3.0),
                SecretRule.of("aws_secret_key", "ws WS", "(?i)aws.{0,20}?(?:secret|private).{0,20}?[\"'=:\\s]+("
                        + "[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", 1, 3.5),
                SecretRule.of("github_token", "ghp_ gho_ ghu_ ghs_ ghr_", "\\b(gh[pousr]_[A-Za-z0-9]{36,255})\\b"),
                SecretRule.of("github_token", "github_pat_", "\\bgithub_pat_[A-Za-z0-9_]{60,}"),
                SecretRule.of("gitlab_token", "glpat- gldt- glptt- glrt- glsoat- glcbt- glft- glimt- glagent- gloas- "
                        + "glffct- glcf- glrtr- glwt-", "\\bgl(?:pat|dt|ptt|rt|soat|cbt|ft|imt|agent|oas|ffct|cf|rtr"
                        + "|wt)-[A-Za-z0-9_\\-]{20,}"),
                SecretRule.of("gitlab_token", "GR1348941", "\\bGR1348941[A-Za-z0-9_\\-]{20,}"),
                SecretRule.of("slack_token", "xox", "\\b(?:xoxe\\.)?xox[abposre]-\\d+-[0-9A-Za-z-]{8,}"),
                SecretRule.of("slack_token", "xapp-", "\\bxapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+"),
                SecretRule.of("slack_webhook", "hooks.slack.com", "hooks\\.slack\\.com/(?:services|workflows"
                        + "|triggers)/[A-Za-z0-9+/]{20,}"),
                SecretRule.of("openai_api_key", "sk-", "\\bsk-(?:proj-|admin-|svcacct-|None-)?"
                        + "[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}"),
                SecretRule.of("openai_api_key", "sk-", "\\bsk-[A-Za-z0-9]{48}\\b"),
                SecretRule.of("anthropic_api_key", "sk-ant-", "\\bsk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}"),
                SecretRule.of("stripe_key", "sk_ rk_", "\\b(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,247}\\b"),
                SecretRule.of("gcp_api_key", "AIza", "\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
                SecretRule.of("gcp_service_account", "private_key_id", "\"type\"\\s*:\\s*\"service_account\""
                        + "[\\s\\S]{0,400}\"private_key_id\"\\s*:\\s*\"[a-f0-9]{40}\""),
                SecretRule.of("huggingface_token", "hf_", "\\bhf_[A-Za-z]{34}\\b"),
                SecretRule.of("huggingface_token", "api_org_", "\\bapi_org_[A-Za-z]{34}\\b"),
                SecretRule.of("facebook_token", "EAA", "\\bEAA[A-Za-z0-9]{60,}"),
                SecretRule.of("facebook_token", "| %7C", "\\b\\d{15,16}(?:\\||%7C)[0-9A-Za-z_-]{27}\\b"),
                SecretRule.of("sentry_token", "sntry", "\\bsntry[su]_[A-Za-z0-9+/=_]{40,}"),
                SecretRule.of("sourcegraph_token", "sgp_", "\\bsgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}\\b"),
                SecretRule.of("square_token", "sq0", "\\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,}"),
                SecretRule.of("square_token", "EAAA", "\\bEAAA[A-Za-z0-9_-]{60}\\b"),
                SecretRule.of("notion_token", "ntn_", "\\bntn_[A-Za-z0-9]{40,}"),
                SecretRule.of("azure_client_secret", "Q~", "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~"
                        + "[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
                SecretRule.of("azure_storage_key", "AccountKey=", "AccountKey=[A-Za-z0-9+/]{86}=="),
                SecretRule.of("discord_token", "M N O", "\\b[MNO][A-Za-z\\d_-]{23,25}\\.[A-Za-z\\d_-]{6}\\."
                        + "[A-Za-z\\d_-]{27,38}\\b"),
                SecretRule.of("mailchimp_key", "-us", "\\b[0-9a-f]{32}-us\\d{1,2}\\b"),
                SecretRule.of("npm_token", "npm_", "\\bnpm_[A-Za-z0-9]{36}\\b"),
                SecretRule.of("npm_token", "_authToken", "//[^\\s]+/:_authToken=(?!\\$\\{)[A-Za-z0-9_.-]{16,}"),
                SecretRule.of("twilio_key", "SK", "\\bSK[0-9a-fA-F]{32}\\b"),
                SecretRule.of("sendgrid_key", "SG.", "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}\\b"),
                SecretRule.of("vault_token", "hvs. hvb.", "\\bhv[sb]\\.[A-Za-z0-9_-]{24,}"),
                SecretRule.of("databricks_token", "dapi", "\\bdapi[a-f0-9]{32}(?:-\\d)?\\b"),
                SecretRule.of("atlassian_token", "ATATT", "\\bATATT3[A-Za-z0-9_\\-=]{100,}"),
                SecretRule.of("onepassword_key", "A3-", "\\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-"
                        + "[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\\b"),
                SecretRule.of("perplexity_key", "pplx-", "\\bpplx-[A-Za-z0-9]{48}\\b"),
                SecretRule.of("flyio_token", "fo1_", "\\bfo1_[A-Za-z0-9_-]{39,}"),
                SecretRule.of("flyio_token", "fm1 fm2", "\\bfm[12][ar]?_[A-Za-z0-9+/=]{100,}"),
                SecretRule.of("infracost_token", "ico-", "\\bico-[A-Za-z0-9]{32}\\b"),
                SecretRule.of("octopus_key", "API-", "\\bAPI-[A-Z0-9]{26}\\b"),
                SecretRule.of("openshift_token", "sha256~", "\\bsha256~[A-Za-z0-9_-]{43}\\b"),
                SecretRule.of("maxmind_key", "_mmk", "\\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\\b"),
                SecretRule.of("shopify_token", "shp", "\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\\b"),
                SecretRule.of("digitalocean_token", "doo_v1_ dop_v1_ dor_v1_", "\\bdo[opr]_v1_[a-f0-9]{64}\\b"),
                SecretRule.of("pypi_token", "pypi-", "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"),
                SecretRule.of("doppler_token", "dp.", "\\bdp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}\\b"),
                SecretRule.of("linear_key", "lin_api_", "\\blin_api_[A-Za-z0-9]{40}\\b"),
                SecretRule.of("postman_key", "PMAK-", "\\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}\\b"),
                SecretRule.of("grafana_token", "glc_ glsa_", "\\bgl(?:c_[A-Za-z0-9+/]{32,}={0,2}|sa_[A-Za-z0-9]{32}_"
                        + "[A-Fa-f0-9]{8})"),
                SecretRule.of("newrelic_key", "NRAK- NRII- NRJS-", "\\bNR(?:AK|II|JS)-[A-Za-z0-9]{20,42}\\b"),
                SecretRule.of("dynatrace_token", "dt0c01", "\\bdt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}\\b"),
                SecretRule.of("cloudflare_origin_ca_key", "v1.0-", "\\bv1\\.0-[a-f0-9]{24}-[a-f0-9]{146}\\b"),
                SecretRule.of("telegram_bot_token", ":AA", "\\b\\d{8,10}:AA[0-9A-Za-z_-]{32,33}\\b"),
                SecretRule.of("sidekiq_secret", "CONTRIBSYS__COM", "(?i)BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM"
                        + "[\"']?\\s*[:=]\\s*[\"']?([a-f0-9]{8}:[a-f0-9]{8})", 1, 0.0),
                SecretRule.of("age_secret_key", "AGE-SECRET-KEY-1", "\\bAGE-SECRET-KEY-1"
                        + "[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\\b"));
    }
}
