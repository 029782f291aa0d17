// Switches on static website hosting for the dashboard account. That setting lives in the blob
// service's data-plane properties, which ARM (and so Bicep) cannot set, so an Azure CLI deployment
// script does it once, signed in as its own user-assigned identity. The script's identity is
// separate from the app's so the app never holds a management-plane role. Enabling the static
// website also creates the `$web` container the app publishes to.

@description('Dashboard storage account name.')
param storageAccountName string

@description('Azure region.')
param location string

@description('Tags applied to the identity and the script.')
param tags object = {}

@description('Name of the identity the deployment script runs as.')
param identityName string

@description('Document served for the site root.')
param indexDocument string = 'index.html'

@description('Document served for a missing path.')
param notFoundDocument string = 'index.html'

@description('Azure CLI version of the script container.')
param azCliVersion string = '2.67.0'

// Storage Account Contributor (17d1049b-9a84-46fb-8f53-869881c3d3ab): Set Blob Service Properties
// with Microsoft Entra auth needs Microsoft.Storage/storageAccounts/blobServices/write, and this is
// the least-privileged built-in role that has it. Scoped to the dashboard account only, and held
// only by the script's identity, never by the app.
var storageAccountContributor = '17d1049b-9a84-46fb-8f53-869881c3d3ab'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource scriptIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource scriptRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, scriptIdentity.id, storageAccountContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageAccountContributor)
    principalId: scriptIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource enableStaticWebsite 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'enable-static-website-${storageAccountName}'
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${scriptIdentity.id}': {}
    }
  }
  properties: {
    azCliVersion: azCliVersion
    timeout: 'PT15M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'OnSuccess'
    environmentVariables: [
      { name: 'ACCOUNT_NAME', value: storage.name }
      { name: 'INDEX_DOCUMENT', value: indexDocument }
      { name: 'NOT_FOUND_DOCUMENT', value: notFoundDocument }
    ]
    // A new role assignment can take a few minutes to reach the storage service: retry until then.
    scriptContent: '''
set -eu
for attempt in $(seq 1 20); do
  if az storage blob service-properties update \
      --account-name "$ACCOUNT_NAME" --auth-mode login \
      --static-website --index-document "$INDEX_DOCUMENT" --404-document "$NOT_FOUND_DOCUMENT" \
      --output none; then
    echo "Static website enabled on $ACCOUNT_NAME"
    exit 0
  fi
  echo "Attempt $attempt failed; waiting for the role assignment to take effect"
  sleep 30
done
echo "Could not enable the static website on $ACCOUNT_NAME" >&2
exit 1
'''
  }
  dependsOn: [
    scriptRole
  ]
}
