// Least-privilege role assignments for the function app's user-assigned managed identity, each
// scoped to the one resource it is needed on (never the resource group or subscription).

@description('Principal (object) id of the function app identity.')
param appPrincipalId string

@description('Storage account the Functions runtime uses (AzureWebJobsStorage, deployment package).')
param runtimeStorageName string

@description('Storage account holding the dashboard ($web) and the run state (state).')
param dashboardStorageName string

@description('Key Vault holding the SendGrid key and the update-link signing key.')
param keyVaultName string

@description('Application Insights resource the app sends telemetry to.')
param applicationInsightsName string

@description('Optional: object id of the person running the deployment, so they can set the SendGrid key and the postprovision hook can create the update-link signing key. Empty: none.')
param deployerPrincipalId string = ''

// Storage Blob Data Owner (b7e6dc6d-f1e8-4753-8033-0f276bb0955b): Flex Consumption requires it on
// the runtime account for identity-based AzureWebJobsStorage (the host manages blob leases and
// container metadata for timer singletons) and to read the deployment package container.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

// Storage Blob Data Contributor (ba92f5b4-2d11-453d-a403-e96b0029c9fe): read, write and delete
// blobs in the dashboard account, enough to publish to $web and keep snapshots and the reminder
// ledger in `state`; no rights over the account itself or its keys.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

// Key Vault Secrets User (4633458b-17de-408a-b874-0445c86b69e6): read secret values, which is all a
// Key Vault reference in an app setting needs; it cannot list, create or change secrets.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// Monitoring Metrics Publisher (3913510d-42f4-4e42-8a64-420c390055eb): send telemetry to an
// Application Insights resource whose local (instrumentation key) auth is off.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// Key Vault Secrets Officer (b86a8fe4-44ce-4948-aee5-eccb2c155cd7): for the deployer only, so the
// person who ran `azd up` can set or rotate the SendGrid key with `az keyvault secret set`, and the
// postprovision hook, signed in as them, can create the update-link signing key.
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource runtimeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: runtimeStorageName
}

resource dashboardStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dashboardStorageName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource runtimeStorageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(runtimeStorage.id, appPrincipalId, storageBlobDataOwner)
  scope: runtimeStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dashboardStorageContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dashboardStorage.id, appPrincipalId, storageBlobDataContributor)
  scope: dashboardStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}
