package dev.punctual.api.system;

import dev.punctual.model.log.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the job id ({@code /jobs/{id}/…}) and the fire id ({@code /executions/{fireId}}) of a
 * request into the MDC while it is handled, so every log line about it (including an unexpected
 * error's) names them.
 */
@Configuration(proxyBeanMethods = false)
class LogRequestContext implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
        instanceof Map<?, ?> variables) {
      if (variables.get("id") instanceof String jobId) {
        MDC.put(LogContext.JOB_ID, jobId);
      }
      if (variables.get("fireId") instanceof String fireId) {
        MDC.put(LogContext.FIRE_ID, fireId);
      }
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception ex) {
    MDC.remove(LogContext.JOB_ID);
    MDC.remove(LogContext.FIRE_ID);
  }
}
