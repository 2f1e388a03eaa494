// Alert rules on the metrics the app sends to Application Insights (customMetrics, through the Azure Monitor
// exporter; docs/operations.md says what each one means and what to do). Log search alerts, evaluated by Azure
// Monitor with the given action group.

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Application Insights component the app reports to.')
param appInsightsName string

@description('Action group notified when an alert fires (resource id). Empty: the alerts fire without notifying anyone.')
param actionGroupId string

@description('Share of finished jobs that failed, in percent over 15 minutes, above which the failed-job alert fires.')
@minValue(1)
@maxValue(100)
param failedJobPercent int

@description('Finished jobs needed in the 15 minutes before the failed-job rate is judged (a few failures of a few jobs are noise).')
@minValue(1)
param failedJobMinimum int

@description('Provider spend in whole USD per hour above which the spend alert fires.')
@minValue(1)
param spendUsdPerHour int

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var actions = empty(actionGroupId) ? {} : { actionGroups: [ actionGroupId ] }

var rules = [
  {
    name: 'failed-jobs'
    title: 'Natak: failed-job rate'
    description: 'More than ${failedJobPercent}% of at least ${failedJobMinimum} jobs finished in the last 15 minutes failed (natak.jobs.finished by natak.job.status).'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'customMetrics | where name == "natak.jobs.finished" | extend status = tostring(customDimensions["natak.job.status"]) | summarize failed = sumif(valueSum, status == "failed"), total = sum(valueSum) | where total >= ${failedJobMinimum} and failed * 100.0 / total > ${failedJobPercent}'
  }
  {
    name: 'provider-circuit-open'
    title: 'Natak: provider circuit open'
    description: 'A provider\'s circuit breaker is open: calls to it are refused without being sent (natak.provider.circuit.open by natak.provider).'
    severity: 1
    window: 'PT5M'
    frequency: 'PT5M'
    query: 'customMetrics | where name == "natak.provider.circuit.open" | summarize open = max(valueMax) by provider = tostring(customDimensions["natak.provider"]) | where open >= 1'
  }
  {
    name: 'spend-per-hour'
    title: 'Natak: provider spend per hour'
    description: 'Provider spend in the last hour is above ${spendUsdPerHour} USD (natak.spend).'
    severity: 2
    window: 'PT1H'
    frequency: 'PT15M'
    query: 'customMetrics | where name == "natak.spend" | summarize usd = sum(valueSum) | where usd > ${spendUsdPerHour}'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-${appInsightsName}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: rule.title
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}]

output alertNames string[] = [for (rule, i) in rules: alerts[i].name]
