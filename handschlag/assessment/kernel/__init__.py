"""How each part of the self-assessment plugs into the kernel (audit verbs, notification kinds,
personal data, media areas): one module per part, called from AssessmentConfig.ready()."""
