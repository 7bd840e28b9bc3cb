// Application Insights on a Log Analytics workspace. Local (key) authentication is off: the Functions host and
// the app's OpenTelemetry exporter sign in with the managed identity (Monitoring Metrics Publisher).

@description('Name prefix of the workspace and the component.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionDays int

@description('Principal id of the app identity, which may publish telemetry.')
param publisherPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

// Monitoring Metrics Publisher: lets an Entra identity send telemetry when local authentication is off.
var metricsPublisherRole = '3913510d-42f4-4e42-8a64-420c390055eb'

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, publisherPrincipalId, metricsPublisherRole)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRole)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('APPLICATIONINSIGHTS_CONNECTION_STRING (an address and an instrumentation key; not a credential once local auth is off).')
output insightsConnection string = insights.properties.ConnectionString
