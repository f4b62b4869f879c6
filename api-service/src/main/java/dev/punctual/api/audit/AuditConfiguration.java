package dev.punctual.api.audit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link RecordAudit} before Spring Security's filter chain (order {@value
 * #FILTER_ORDER}, Spring Security's default being -100), so that it sees every answer, the chain's
 * 401 and 403 included.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  static final int FILTER_ORDER = -110;

  @Bean
  FilterRegistrationBean<RecordAudit> recordAudit(AuditLog auditLog, MeterRegistry meters) {
    var registration = new FilterRegistrationBean<>(new RecordAudit(auditLog, meters));
    registration.setOrder(FILTER_ORDER);
    registration.setName("recordAudit");
    return registration;
  }
}
