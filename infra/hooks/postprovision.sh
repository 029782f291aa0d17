#!/bin/sh
# azd postprovision hook, signed in as the person running azd (Key Vault Secrets Officer on the vault).
# 1. Creates the update-link signing key in Key Vault if there is none yet: 64 random bytes, base64.
#    It goes straight from this shell into the vault, never into azd's environment file.
# 2. Only when STATIC_WEBSITE_IN_TEMPLATE is false (the fallback for a region without Microsoft.Storage
#    API version 2025-08-01): switches on the dashboard's static website, which the template then cannot.
set -eu

vault="$AZURE_KEY_VAULT_NAME"
secret="$AZURE_KEY_VAULT_UPDATES_SECRET_NAME"

# A new role assignment can take a few minutes to reach Key Vault and Storage: retry until then.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 20 ]; then
      echo "Gave up after $attempt attempts: $*" >&2
      return 1
    fi
    echo "Attempt $attempt failed; waiting for role assignments to take effect" >&2
    attempt=$((attempt + 1))
    sleep 15
  done
}

signing_key_exists() {
  az keyvault secret list --vault-name "$vault" --query "[?name=='$secret'] | length(@)" -o tsv
}

create_signing_key() {
  head -c 64 /dev/urandom | base64 | tr -d '\n' \
    | az keyvault secret set --vault-name "$vault" --name "$secret" --file /dev/stdin \
        --content-type text/plain --output none
}

count=$(retry signing_key_exists)
if [ "$count" = "0" ]; then
  echo "Creating the update-link signing key $secret in $vault"
  retry create_signing_key
fi

if [ "${STATIC_WEBSITE_IN_TEMPLATE:-true}" = "false" ]; then
  echo "Fallback: switching on the static website of $DASHBOARD_STORAGE_ACCOUNT_NAME"
  retry az storage blob service-properties update \
    --account-name "$DASHBOARD_STORAGE_ACCOUNT_NAME" --auth-mode login \
    --static-website --index-document index.html --404-document index.html --output none
fi
