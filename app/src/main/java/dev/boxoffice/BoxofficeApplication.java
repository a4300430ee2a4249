package dev.boxoffice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boxoffice: a reactive ticketing service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BoxofficeApplication {

	public static void main(String[] args) {
		SpringApplication.run(BoxofficeApplication.class, args);
	}

}
