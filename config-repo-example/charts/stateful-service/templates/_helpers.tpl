{{- define "stateful.labels" -}}
app.kubernetes.io/name: {{ .Release.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The Secret that secretEnvironment reads: the chart's own when secrets are given. */}}
{{- define "stateful.secretName" -}}
{{- if .Values.secrets -}}{{ .Release.Name }}-credentials{{- else -}}{{ .Values.existingSecret }}{{- end -}}
{{- end -}}
