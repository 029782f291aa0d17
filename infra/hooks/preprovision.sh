#!/bin/sh
# azd preprovision hook: after `azd down`, the environment's Key Vault stays soft-deleted for 7 days and
# purge protection stops anyone purging it sooner, so provisioning the same environment again would
# collide with it. Recover it first (with its secrets); Bicep then updates it as usual.
set -eu

# Deleted vaults of this environment (by the azd-env-name tag), as "name<TAB>location" lines. The vault
# name depends on the region, so only a vault in this environment's region would collide.
region=$(printf '%s' "${AZURE_LOCATION:-}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
deleted=$(az keyvault list-deleted --resource-type vault \
  --query "[?properties.tags.\"azd-env-name\"=='${AZURE_ENV_NAME}'].[name, properties.location]" -o tsv \
  | while IFS="$(printf '\t')" read -r name location; do
      if [ "$(printf '%s' "$location" | tr -d ' ' | tr '[:upper:]' '[:lower:]')" = "$region" ]; then
        echo "$name"
      fi
    done | head -n 1)
if [ -z "$deleted" ]; then
  exit 0
fi

# A vault is recovered into its old resource group, so that must exist first.
echo "Recovering the soft-deleted Key Vault $deleted of environment $AZURE_ENV_NAME"
az group create --name "rg-${AZURE_ENV_NAME}" --location "$AZURE_LOCATION" \
  --tags "azd-env-name=${AZURE_ENV_NAME}" --output none
az keyvault recover --name "$deleted" --output none
