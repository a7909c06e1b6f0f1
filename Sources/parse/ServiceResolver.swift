// Which service, revision and instance an entry belongs to, by platform. The names people use in
// filters and worklogs live in different labels on each platform (see the resource table in
// docs/parse.md).
import GardenKit

struct ServiceIdentity: Equatable {
  var service: String?
  var revision: String?
  var instance: String?
}

enum ServiceResolver {
  static func resolve(
    resourceType: String?, resourceLabels: JSONObject?, labels: JSONObject?,
    jsonPayload: JSONObject?, protoPayload: JSONObject?
  ) -> ServiceIdentity {
    let r = resourceLabels ?? JSONObject()
    let l = labels ?? JSONObject()
    var id = ServiceIdentity()
    switch resourceType ?? "" {
    case "cloud_run_revision":
      id.service = r.firstString("service_name")
      id.revision = r.firstString("revision_name")
    case "cloud_run_job":
      id.service = r.firstString("job_name")
      id.revision = l.firstString("run.googleapis.com/execution_name")
    case "cloud_function":
      id.service = r.firstString("function_name")
    case "k8s_container", "k8s_pod":
      id.service =
        l.firstString(
          "k8s-pod/app", "k8s-pod/app_kubernetes_io/name", "k8s-pod/k8s-app", "k8s-pod/run")
        ?? r.firstString("container_name")
      id.revision = l.firstString("k8s-pod/app_kubernetes_io/version", "k8s-pod/version")
    case "gae_app":
      id.service = r.firstString("module_id") ?? protoPayload?.firstString("moduleId")
      id.revision = r.firstString("version_id") ?? protoPayload?.firstString("versionId")
    case "cloud_scheduler_job":
      id.service = r.firstString("job_id")
    case "http_load_balancer":
      id.service = r.firstString("backend_service_name", "url_map_name")
    case "gce_instance":
      // An audit entry about an instance is about the API that acted on it.
      id.service =
        l.firstString("compute.googleapis.com/resource_name") ?? protoPayload?.firstString(
          "serviceName")
        ?? r.firstString("instance_id")
    case "build":
      id.service = r.firstString("build_trigger_id").map { "build trigger " + $0 } ?? "cloudbuild"
    case "api", "audited_resource":
      id.service = r.firstString("service") ?? protoPayload?.firstString("serviceName")
    default:
      break
    }
    // What the application says about itself (Error Reporting's serviceContext), then generic labels.
    if id.service == nil, let ctx = jsonPayload?["serviceContext"]?.object {
      id.service = ctx.firstString("service")
      id.revision = id.revision ?? ctx.firstString("version")
    }
    if id.service == nil {
      id.service =
        r.firstString("service_name", "function_name", "module_id", "job_name", "container_name")
        ?? protoPayload?.firstString("serviceName")
    }
    id.instance =
      l.firstString("instanceId", "run.googleapis.com/execution_name")
      ?? r.firstString("pod_name", "instance_id")
      ?? l.firstString("execution_id", "compute.googleapis.com/resource_name")
    return id
  }
}
