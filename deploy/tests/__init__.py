"""Tests of the Dockerfile, docker-compose.yml, Kubernetes manifests and health check."""
