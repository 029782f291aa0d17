// SaferCity: everything `azd up` provisions. One resource group holding
// - a Linux Flex Consumption function app (.NET 10 isolated) running as a user-assigned identity,
// - its runtime storage (identity-based AzureWebJobsStorage and the deployment package),
// - the dashboard storage: static website `$web` (published) and a private `state` container,
// - Application Insights on a Log Analytics workspace (Entra ID auth only),
// - a Key Vault (RBAC mode, purge protection) holding the SendGrid API key and the update-link signing key.
// No connection strings or shared keys: every caller authenticates with Microsoft Entra ID. No
// deployment script either, so nothing needs Container Instances or a storage account of its own.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; it names the resource group and seeds every resource name.')
param environmentName string

// UK only: the tracker holds personal data about crime, domestic abuse and safeguarding, and a council's DPIA will
// expect it to stay in the UK (docs/privacy.md, "Processors and where data is held"). Of the UK regions only UK South
// offers Flex Consumption (`az functionapp list-flexconsumption-locations` has the current list). Any other region
// fails here, when the parameters are checked, before anything is created. To deploy elsewhere (with the
// controller's agreement), add the region to this list; it must offer Flex Consumption.
@minLength(1)
@description('Azure region for all resources: UK South, so that the data stays in the UK (data residency).')
@allowed([
  'uksouth'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional: object id of the person running the deployment; gets Key Vault Secrets Officer so they can set the SendGrid key. azd fills it in.')
param principalId string = ''

@description('Email address of the coordinator who gets the summary (Reminders__Coordinator).')
param coordinatorEmail string

@maxLength(120)
@description('Optional: the coordinator\'s name, given in every digest as the person to ask (Reminders__CoordinatorName).')
param coordinatorName string = ''

@minLength(1)
@maxLength(120)
@description('The partnership\'s name on the dashboard (Dashboard__Title).')
param dashboardTitle string = 'Safer City Partnership'

@description('Optional: the web page (contact form) where the public reaches the coordinator, linked from the dashboard (Dashboard__ContactUrl). A web address only: an email address or mailto: stops the app at start.')
param dashboardContactUrl string = ''

@description('Sender address for digest emails, verified in SendGrid (SendGrid__From).')
param senderEmail string

@description('SharePoint site holding the tracker, e.g. https://contoso.sharepoint.com/sites/SaferCity (Tracker__SiteUrl).')
param trackerSiteUrl string

@description('Display name of the tracker list (Tracker__ListName).')
param trackerListName string = 'SCP Progress Monitoring'

@description('Display name of the leads list (Tracker__LeadsListName).')
param leadsListName string = 'SCP Leads'

@description('Microsoft Graph base URL (Graph__BaseUrl).')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('SendGrid API host (SendGrid__Host). https://api.eu.sendgrid.com keeps mail data in the EU; it needs an API key of an EU regional subuser (docs/privacy.md).')
param sendGridHost string = 'https://api.sendgrid.com'

@secure()
@description('Optional SendGrid API key, stored in Key Vault. Empty: no secret is created; set it later.')
param sendGridApiKey string = ''

@description('Days ahead a deadline counts as due soon (Reminders__DueSoonDays).')
@minValue(1)
param dueSoonDays int = 30

@description('Days overdue after which a digest escalates (Reminders__EscalateAfterDays).')
@minValue(1)
param escalateAfterDays int = 28

@description('Minimum age in days of the snapshot drift is measured against (Drift__WindowDays).')
@minValue(1)
param driftWindowDays int = 7

@description('NCRONTAB (6 fields, UTC) of the refresh run. Default: hourly at 5 past.')
param refreshSchedule string = '0 5 * * * *'

@description('NCRONTAB (6 fields, UTC) of the reminder run. Default: daily 06:00 and 07:00 UTC; timers are UTC (WEBSITE_TIME_ZONE does not work on Linux Flex), so the app acts only on the run that is 07:00 UK time: on Mondays it sends the week, on other days only what the week still owes.')
param reminderSchedule string = '0 0 6,7 * * *'

@description('Put update links in digests (Updates__BaseUrl). False: digests carry no update links.')
param updateLinks bool = true

@description('Path of the UpdateAction function under the app\'s host name: its route is update/{*rest} (links are update/?link={token}), under the api/ prefix.')
param updatesRoute string = 'api/update'

@description('True: static website hosting is switched on by the template (blob service API version 2025-08-01). False: the fallback for a region without that API version; the postprovision hook switches it on instead.')
param staticWebsiteInTemplate bool = true

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var stateContainerName = 'state'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module appIdentity 'app/identity.bicep' = {
  name: 'appIdentity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module runtimeStorage 'app/storage.bicep' = {
  name: 'runtimeStorage'
  scope: rg
  params: {
    name: 'stfunc${resourceToken}'
    location: location
    tags: tags
    containers: [
      deploymentContainerName
    ]
  }
}

module dashboardStorage 'app/storage.bicep' = {
  name: 'dashboardStorage'
  scope: rg
  params: {
    name: 'stdash${resourceToken}'
    location: location
    tags: tags
    // `$web` is created when the static website is switched on.
    containers: [
      stateContainerName
    ]
    staticWebsite: true
    staticWebsiteInTemplate: staticWebsiteInTemplate
    // Snapshots and the reminder ledger can be restored for a week after an accidental delete.
    deleteRetentionDays: 7
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    appPrincipalId: appIdentity.outputs.principalId
    runtimeStorageName: runtimeStorage.outputs.name
    dashboardStorageName: dashboardStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    deployerPrincipalId: principalId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: appIdentity.outputs.id
    identityClientId: appIdentity.outputs.clientId
    storageAccountName: runtimeStorage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    // The product's settings: the same names the CLI reads (Section__Key).
    appSettings: {
      Tracker__SiteUrl: trackerSiteUrl
      Tracker__ListName: trackerListName
      Tracker__LeadsListName: leadsListName
      Graph__BaseUrl: graphBaseUrl
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.sendGridSecretUri})'
      SendGrid__Host: sendGridHost
      SendGrid__From: senderEmail
      Reminders__Coordinator: coordinatorEmail
      Reminders__CoordinatorName: coordinatorName
      Reminders__DueSoonDays: string(dueSoonDays)
      Reminders__EscalateAfterDays: string(escalateAfterDays)
      Drift__WindowDays: string(driftWindowDays)
      Storage__AccountUrl: dashboardStorage.outputs.blobEndpoint
      AZURE_CLIENT_ID: appIdentity.outputs.clientId
      RefreshSchedule: refreshSchedule
      ReminderSchedule: reminderSchedule
      Dashboard__PublicUrl: dashboardStorage.outputs.webEndpoint
      Dashboard__Title: dashboardTitle
      Dashboard__ContactUrl: dashboardContactUrl
      Updates__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.updatesSigningKeySecretUri})'
    }
    // Settings on the app's own address, https://<default host name>/<path>: the public address of
    // the update form, which is what each digest's update link starts with.
    selfUrlSettings: updateLinks
      ? {
          Updates__BaseUrl: updatesRoute
        }
      : {}
  }
  // The identity must hold its roles before the host first starts and reads its storage and secret.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_CLIENT_ID string = appIdentity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = appIdentity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = runtimeStorage.outputs.name
output DASHBOARD_STORAGE_ACCOUNT_NAME string = dashboardStorage.outputs.name
output STORAGE_ACCOUNT_URL string = dashboardStorage.outputs.blobEndpoint
output DASHBOARD_URL string = dashboardStorage.outputs.webEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_KEY_VAULT_UPDATES_SECRET_NAME string = keyVault.outputs.updatesSigningKeySecretName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output STATIC_WEBSITE_IN_TEMPLATE bool = staticWebsiteInTemplate
@description('POST here with the x-functions-key header to run a refresh now (infra/README.md).')
output REFRESH_NOW_URL string = 'https://${api.outputs.defaultHostName}/api/RefreshNow'
output UPDATES_BASE_URL string = updateLinks ? 'https://${api.outputs.defaultHostName}/${updatesRoute}' : ''
