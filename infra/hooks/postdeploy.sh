#!/bin/sh
# azd postdeploy hook: restart the app once. A Key Vault reference whose secret or role assignment was
# created seconds before the app first started would otherwise be retried only within 24 hours.
set -eu

echo "Restarting $AZURE_FUNCTION_APP_NAME so its Key Vault references resolve now"
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --output none
