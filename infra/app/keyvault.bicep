// Key Vault in RBAC mode (no access policies) holding the SendGrid API key. The secret is created
// only when a key is supplied; the app setting always points at its unversioned URI, so a key set
// later with `az keyvault secret set` is picked up without a redeployment.

@description('Key Vault name: 3-24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Name of the secret that holds the SendGrid API key.')
param sendGridSecretName string = 'SendGrid--ApiKey'

@secure()
@description('SendGrid API key. Empty: no secret is created (set it later).')
param sendGridApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
@description('Unversioned secret URI: a Key Vault reference to it always resolves the latest version.')
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/${sendGridSecretName}'
